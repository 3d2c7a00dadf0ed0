"""Distance fields on a grid against exact shortest tracks, and areas read off them."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from shapely.geometry import Point

from airspace import shortest_track, state_at
from airspace.travel import TravelGrid, travel_grid
from geo import Position, distance_km

NEIXIANG = Position(32.97, 111.88)
KNEVICHI = Position(43.40, 132.15)
ALLOWED = frozenset({"CN", "RU"})
#: What the bands promise at their edges.
ACCURACY_KM = 10.0


@functools.cache
def grid_and_field() -> tuple[TravelGrid, np.ndarray]:
    grid = travel_grid(around=[NEIXIANG, KNEVICHI], radius_km=3500.0, allowed=ALLOWED)
    return grid, grid.distances_km([NEIXIANG])


@pytest.mark.slow
def test_distances_agree_with_exact_tracks() -> None:
    """Random open cells, many behind Japan, Korea or Mongolia: the field's distance is the
    shortest track's to within the accuracy the bands claim."""
    grid, field = grid_and_field()
    rng = np.random.default_rng(7)
    rows, columns = np.nonzero(np.isfinite(field) & (field < 3500.0))
    detours = 0
    for pick in rng.choice(rows.size, 24, replace=False):
        i, j = rows[pick], columns[pick]
        lon, lat = grid._to_lonlat.transform(grid.xs[j], grid.ys[i])
        if state_at(lat=lat, lon=lon) not in (None, *ALLOWED):
            continue  # an open cell the limit passes through, its centre just inside
        track = shortest_track(
            lat1=NEIXIANG.lat, lon1=NEIXIANG.lon, lat2=lat, lon2=lon, allowed=ALLOWED
        )
        detours += track.detour_km > 20.0
        assert abs(field[i, j] - track.length_km) <= ACCURACY_KM, (lat, lon, track.length_km)
    assert detours >= 3  # the sample does go round forbidden airspace


def test_sources_are_exact_near_themselves() -> None:
    grid, field = grid_and_field()
    value = grid.value_at(field, lat=NEIXIANG.lat + 0.1, lon=NEIXIANG.lon)
    exact = float(
        distance_km(
            lat1=NEIXIANG.lat, lon1=NEIXIANG.lon, lat2=NEIXIANG.lat + 0.1, lon2=NEIXIANG.lon
        )
    )
    assert value == pytest.approx(exact, abs=1.0)


def test_region_keeps_out_of_forbidden_airspace() -> None:
    """The area within 2,500 km holds Seoul's sea approaches but not Seoul, Tokyo or Ulaanbaatar
    (forbidden), and holds Beijing (allowed)."""
    grid, field = grid_and_field()
    area = grid.region_within(field, 2500.0)
    assert area.is_valid
    assert area.covers(Point(116.4, 39.9))  # Beijing
    for lon, lat in [(126.98, 37.57), (139.69, 35.69), (106.92, 47.92)]:
        assert not area.covers(Point(lon, lat))
