"""The range model: usable range after reserve, one-way reach and combat radius rings, and rings
at given distances (concentric rings every so many km, or at listed distances)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon

import geo
from routes.catalog import Aircraft, Site
from routes.errors import RoutesError

__all__ = [
    "DISTANCE",
    "FAN",
    "MAX_RESERVE",
    "MODES",
    "Radial",
    "RangeRing",
    "check_reserve",
    "distance_rings",
    "evenly",
    "radials",
    "radius_km",
    "range_fans",
    "range_rings",
    "usable_range_km",
]

#: reach: as far as the aircraft flies one way; combat_radius: out and back without landing.
MODES = ("reach", "combat_radius")
#: The mode of a ring at a given distance, labelled by that distance (not by a range figure).
DISTANCE = "distance"
#: The mode of a range fan: a sector of the one-way reach, from a least distance out.
FAN = "fan"


#: The largest fuel reserve taken: beyond it the usable range is a sliver of the published one.
MAX_RESERVE = 0.9


def check_reserve(reserve: float) -> float:
    """A fuel reserve as a fraction of range, from 0 to MAX_RESERVE."""
    if not (
        isinstance(reserve, (int, float))
        and not isinstance(reserve, bool)
        and math.isfinite(reserve)
        and 0.0 <= reserve <= MAX_RESERVE
    ):
        raise RoutesError(
            f"reserve {reserve!r} must be a fraction from 0 to {MAX_RESERVE}, e.g. 0.1 for 10%"
        )
    return float(reserve)


def usable_range_km(aircraft: Aircraft, reserve: float = 0.0) -> float:
    """Range x (1 - reserve): how far the aircraft flies between landings."""
    return aircraft.range_for_reach_km * (1.0 - check_reserve(reserve))


def radius_km(aircraft: Aircraft, mode: str, reserve: float = 0.0) -> float:
    """The ring radius for `mode`: usable range, or half of it for the combat radius."""
    if mode not in MODES:
        raise RoutesError(f"ring mode {mode!r} is not one of {', '.join(MODES)}")
    usable = usable_range_km(aircraft, reserve)
    return usable if mode == "reach" else usable / 2.0


@dataclass(frozen=True)
class RangeRing:
    """A range ring of one aircraft from one site: its one-way reach, its combat radius, or (mode
    DISTANCE) a ring at a given distance, which no reserve changes (`reserve` 0); or (mode FAN)
    the sector of its reach clockwise from `sector[0]` to `sector[1]` (degrees), from `min_km`
    out to `radius_km`."""

    aircraft: Aircraft
    site: Site
    mode: str
    radius_km: float
    reserve: float
    geometry: Polygon | MultiPolygon
    sector: tuple[float, float] | None = None
    min_km: float = 0.0


def range_rings(
    aircraft: Aircraft,
    sites: Iterable[Site],
    *,
    reserve: float = 0.0,
    modes: Iterable[str] = MODES,
    max_segment_km: float = geo.DEFAULT_MAX_SEGMENT_KM,
) -> list[RangeRing]:
    """Reach and combat-radius rings of `aircraft` from each site."""
    rings = []
    for site in sites:
        for mode in modes:
            radius = radius_km(aircraft, mode, reserve)
            shape = geo.range_ring(
                lat=site.lat, lon=site.lon, radius_km=radius, max_segment_km=max_segment_km
            )
            rings.append(RangeRing(aircraft, site, mode, radius, reserve, shape))
    return rings


def distance_rings(
    aircraft: Aircraft,
    sites: Iterable[Site],
    distances_km: Iterable[float],
    *,
    max_segment_km: float = geo.DEFAULT_MAX_SEGMENT_KM,
) -> list[RangeRing]:
    """Rings at exactly `distances_km` from each site (mode DISTANCE), for `aircraft`'s map."""
    distances = list(distances_km)
    return [
        RangeRing(
            aircraft,
            site,
            DISTANCE,
            float(distance),
            0.0,
            geo.range_ring(
                lat=site.lat, lon=site.lon, radius_km=distance, max_segment_km=max_segment_km
            ),
        )
        for site in sites
        for distance in distances
    ]


def range_fans(
    aircraft: Aircraft,
    sites: Iterable[Site],
    fans: Iterable[tuple[float, float, float]],
    *,
    reserve: float = 0.0,
    max_segment_km: float = geo.DEFAULT_MAX_SEGMENT_KM,
) -> list[RangeRing]:
    """Range fans (mode FAN) of `aircraft` from each site, each (from azimuth, to azimuth, least
    km) out to its one-way reach: see geo.range_fan."""
    reach = radius_km(aircraft, "reach", reserve)
    sectors = list(fans)
    return [
        RangeRing(
            aircraft,
            site,
            FAN,
            reach,
            reserve,
            geo.range_fan(
                lat=site.lat,
                lon=site.lon,
                min_km=least,
                max_km=reach,
                from_azimuth=start,
                to_azimuth=end,
                max_segment_km=max_segment_km,
            ),
            (start, end),
            least,
        )
        for site in sites
        for start, end, least in sectors
    ]


@dataclass(frozen=True)
class Radial:
    """A geodesic from a site at an azimuth (degrees clockwise from north), `length_km` long:
    out to the outermost of its aircraft's rings there, drawn with them."""

    aircraft: Aircraft
    site: Site
    azimuth_deg: float
    length_km: float
    path: LineString | MultiLineString


def evenly(count: int) -> list[float]:
    """`count` azimuths evenly round from north (degrees), 1 to 360 of them.

    >>> evenly(4)
    [0.0, 90.0, 180.0, 270.0]
    """
    if not (isinstance(count, int) and 1 <= count <= 360):
        raise RoutesError(f"radials {count!r} must be a whole number from 1 to 360")
    return [360.0 * k / count for k in range(count)]


def radials(
    rings: Iterable[RangeRing],
    azimuths_deg: Iterable[float],
    *,
    max_segment_km: float = geo.DEFAULT_MAX_SEGMENT_KM,
) -> list[Radial]:
    """Radials at `azimuths_deg` (degrees clockwise from north) from each site of `rings` out to
    the outermost ring of the same aircraft there (to FAN_LIMIT_KM at most, as far as geodesics
    stay shortest)."""
    azimuths = list(azimuths_deg)
    outermost: dict[tuple[str, str], tuple[RangeRing, float]] = {}
    for ring in rings:
        key = (ring.aircraft.id, ring.site.id)
        known = outermost.get(key)
        if known is None or ring.radius_km > known[1]:
            outermost[key] = (ring, ring.radius_km)
    found = []
    for ring, radius in outermost.values():
        length = min(radius, geo.FAN_LIMIT_KM)
        for azimuth in azimuths:
            path = geo.geodesic_ray(
                lat=ring.site.lat,
                lon=ring.site.lon,
                azimuth_deg=azimuth,
                length_km=length,
                max_segment_km=max_segment_km,
            )
            found.append(Radial(ring.aircraft, ring.site, azimuth, length, path))
    return found
