"""Legs: one flight segment between two sites, along its track (a chain of geodesics)."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
from shapely.geometry import LineString, MultiLineString

import airspace
import geo
from airspace import Crossings, Track
from routes.airspace_rule import STRAIGHT_GEODESICS, AirspaceRule
from routes.catalog import Site
from routes.errors import RoutesError

__all__ = ["KM_PER_NM", "Leg", "legs_through"]

#: The international nautical mile.
KM_PER_NM = 1.852


@dataclass(frozen=True)
class Leg:
    """From one site to the next: track and straight distance, bearing, time at cruise speed."""

    start: Site
    end: Site
    distance_km: float
    straight_km: float
    initial_bearing_deg: float
    duration_h: float | None
    cumulative_km: float
    ends_with_refuel: bool
    track: Track

    @property
    def distance_nm(self) -> float:
        return self.distance_km / KM_PER_NM

    @property
    def detour_km(self) -> float:
        """How much longer than the straight geodesic the track is."""
        return self.distance_km - self.straight_km

    @cached_property
    def path(self) -> LineString | MultiLineString:
        """The track as lon/lat vertices on its geodesics, cut at +/-180 (RFC 7946)."""
        # Kept with the leg as well as in _path's cache: a plan of more legs than that cache holds
        # would otherwise work out every path again each time its legs are drawn or written.
        return _path(self.track.points)

    def along(self, fraction: float) -> tuple[geo.Position, float]:
        """The point `fraction` of the way along the track, and the heading there (degrees)."""
        left = fraction * self.distance_km
        pieces = list(itertools.pairwise(self.track.points))
        for number, (a, b) in enumerate(pieces):
            piece = float(geo.distance_km(lat1=a.lat, lon1=a.lon, lat2=b.lat, lon2=b.lon))
            if left <= piece or number == len(pieces) - 1:
                azimuth = geo.initial_azimuth_deg(lat1=a.lat, lon1=a.lon, lat2=b.lat, lon2=b.lon)
                point = geo.destination(
                    lat=a.lat, lon=a.lon, azimuth_deg=azimuth, distance_km=min(left, piece)
                )
                heading = geo.initial_azimuth_deg(
                    lat1=point.lat, lon1=point.lon, lat2=b.lat, lon2=b.lon
                )
                return point, float(heading)
            left -= piece
        raise AssertionError("a track has at least two points")  # pragma: no cover

    @cached_property
    def crossings(self) -> Crossings:
        """The zones the leg enters and leaves, and the km flown in each state's airspace."""
        return _crossings(self.track.points)


@lru_cache(maxsize=4096)
def _path(points: tuple[geo.Position, ...]) -> LineString | MultiLineString:
    return geo.chain_path([(p.lat, p.lon) for p in points])


@lru_cache(maxsize=4096)
def _crossings(points: tuple[geo.Position, ...]) -> Crossings:
    return airspace.crossings([(p.lat, p.lon) for p in points])


def legs_through(
    sites: Sequence[Site],
    *,
    cruise_kmh: float | None,
    refuel_after: Sequence[bool] | None = None,
    airspace_rule: AirspaceRule = STRAIGHT_GEODESICS,
) -> list[Leg]:
    """Legs joining consecutive `sites`; `refuel_after[k]` marks a refuelling landing at sites[k + 1].

    Each leg follows `airspace_rule` (straight geodesics by default). Where two consecutive sites are the
    same place (a waypoint that is also the field landed at), no leg is made and the leg before
    ends with that landing.
    """
    legs: list[Leg] = []
    cumulative = 0.0
    for index, (start, end) in enumerate(itertools.pairwise(sites)):
        refuel = bool(refuel_after[index]) if refuel_after else False
        if (start.lat, start.lon) == (end.lat, end.lon):
            if legs and refuel:
                legs[-1] = dataclasses.replace(legs[-1], end=end, ends_with_refuel=True)
            continue
        track = airspace_rule.track(start, end)
        cumulative += track.length_km
        legs.append(
            Leg(
                start=start,
                end=end,
                distance_km=track.length_km,
                straight_km=track.straight_km,
                initial_bearing_deg=_bearing(track),
                duration_h=track.length_km / cruise_kmh if cruise_kmh else None,
                cumulative_km=cumulative,
                ends_with_refuel=refuel,
                track=track,
            )
        )
    if not legs:
        raise RoutesError(
            f"the route {' -> '.join(s.id for s in sites)} never leaves {sites[0].id}"
        )
    return legs


def _bearing(track: Track) -> float:
    first, second = track.points[0], track.points[1]
    return float(
        np.mod(
            geo.initial_azimuth_deg(
                lat1=first.lat, lon1=first.lon, lat2=second.lat, lon2=second.lon
            ),
            360.0,
        )
    )
