"""Legs: one flight segment between two sites, with its geodesic numbers and path."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from shapely.geometry import LineString, MultiLineString

import geo
from routes.catalog import Site
from routes.errors import RoutesError

__all__ = ["KM_PER_NM", "Leg", "legs_through"]

#: The international nautical mile.
KM_PER_NM = 1.852


@dataclass(frozen=True)
class Leg:
    """From one site to the next: geodesic distance, bearing, time at cruise speed, its path."""

    start: Site
    end: Site
    distance_km: float
    initial_bearing_deg: float
    duration_h: float | None
    cumulative_km: float
    ends_with_refuel: bool
    path: LineString | MultiLineString

    @property
    def distance_nm(self) -> float:
        return self.distance_km / KM_PER_NM


def legs_through(
    sites: Sequence[Site],
    *,
    cruise_kmh: float | None,
    refuel_after: Sequence[bool] | None = None,
) -> list[Leg]:
    """Legs joining consecutive `sites`; `refuel_after[k]` marks a refuelling landing at sites[k + 1].

    Where two consecutive sites are the same place (a waypoint that is also the field landed at),
    no leg is made and the leg before ends with that landing.
    """
    legs: list[Leg] = []
    cumulative = 0.0
    ends = list(itertools.pairwise(sites))
    # All distances and bearings in one vectorised call: a mission may have thousands of legs.
    distances = np.atleast_1d(
        geo.distance_km(
            lat1=np.array([a.lat for a, _ in ends]),
            lon1=np.array([a.lon for a, _ in ends]),
            lat2=np.array([b.lat for _, b in ends]),
            lon2=np.array([b.lon for _, b in ends]),
        )
    ).tolist()
    bearings = np.atleast_1d(
        geo.initial_azimuth_deg(
            lat1=np.array([a.lat for a, _ in ends]),
            lon1=np.array([a.lon for a, _ in ends]),
            lat2=np.array([b.lat for _, b in ends]),
            lon2=np.array([b.lon for _, b in ends]),
        )
    ).tolist()
    for index, ((start, end), distance, bearing) in enumerate(
        zip(ends, distances, bearings, strict=True)
    ):
        refuel = bool(refuel_after[index]) if refuel_after else False
        if distance == 0.0:
            if legs and refuel:
                legs[-1] = dataclasses.replace(legs[-1], end=end, ends_with_refuel=True)
            continue
        cumulative += distance
        legs.append(
            Leg(
                start=start,
                end=end,
                distance_km=distance,
                initial_bearing_deg=bearing,
                duration_h=distance / cruise_kmh if cruise_kmh else None,
                cumulative_km=cumulative,
                ends_with_refuel=refuel,
                path=geo.geodesic_path(lat1=start.lat, lon1=start.lon, lat2=end.lat, lon2=end.lon),
            )
        )
    if not legs:
        raise RoutesError(
            f"the route {' -> '.join(s.id for s in sites)} never leaves {sites[0].id}"
        )
    return legs
