"""geo.area_km2 against GeographicLib's polygon areas: right past half the Earth, up to the globe
less a hole, where a signed area wraps and reads as the complement."""

from __future__ import annotations

import math

import pytest
import shapely
from hypothesis import example, given, settings
from hypothesis import strategies as st

import geo
from tests.geo.reference import EARTH_AREA_M2, disc_area_m2, polygon_area_m2

HALF_EARTH_KM2 = EARTH_AREA_M2 / 2e6


def test_regression_a_ring_larger_than_half_the_earth_is_not_its_complement() -> None:
    """15,000 km from 10N 100E: pyproj's signed area wrapped, giving 75 instead of 434.9 million
    km2."""
    ring = geo.range_ring(lat=10.0, lon=100.0, radius_km=15_000.0)
    assert geo.area_km2(ring) == pytest.approx(434.9e6, rel=2e-4)
    assert geo.area_km2(ring) == pytest.approx(disc_area_m2(10.0, 100.0, 15_000.0) / 1e6, rel=1e-5)
    assert pytest.approx(255_032_811, abs=1.0) == HALF_EARTH_KM2


@settings(max_examples=25, deadline=None)
@example(lat=51.17, lon=128.445, radius_km=10_300.0)  # Tu-95MS from Ukrainka: past half
@example(lat=0.0, lon=10.0, radius_km=10_300.0)  # both poles, the hole across 180
@example(lat=0.0, lon=0.0, radius_km=10_001.966)  # about half the Earth
@example(lat=90.0, lon=0.0, radius_km=19_900.0)  # from the pole: a cap round the South Pole
@example(lat=-33.9, lon=151.2, radius_km=19_900.0)
@given(
    lat=st.floats(-90.0, 90.0),
    lon=st.floats(-180.0, 180.0),
    radius_km=st.floats(100.0, 19_900.0),
)
def test_ring_areas_are_geographiclibs(lat: float, lon: float, radius_km: float) -> None:
    ring = geo.range_ring(lat=lat, lon=lon, radius_km=radius_km)
    # The polygon's own area (to where its edges near a pole, cut at other meridians, stray
    # from geodesics), and (to its chords' 0.05%) the disc's.
    assert math.isclose(geo.area_km2(ring), polygon_area_m2(ring) / 1e6, rel_tol=1e-5)
    disc_km2 = disc_area_m2(lat, lon, radius_km, vertices=720) / 1e6
    assert math.isclose(geo.area_km2(ring), disc_km2, rel_tol=5e-4)
    # The rest of the globe is the complement, whatever the size (to the few km2 by which the
    # edges near a pole, cut at other meridians, stray from geodesics).
    rest = geo.polygonal(geo.WORLD.difference(ring))
    assert math.isclose(geo.area_km2(ring) + geo.area_km2(rest), EARTH_AREA_M2 / 1e6, rel_tol=1e-8)


@settings(max_examples=10, deadline=None)
@example(first=(51.17, 128.445), second=(64.73, 177.74), radius_km=10_300.0)  # reach bands
@example(first=(10.0, 100.0), second=(-10.0, -80.0), radius_km=9_000.0)  # opposite sides
@given(
    first=st.tuples(st.floats(-80.0, 80.0), st.floats(-180.0, 180.0)),
    second=st.tuples(st.floats(-80.0, 80.0), st.floats(-180.0, 180.0)),
    radius_km=st.floats(5_000.0, 15_000.0),
)
def test_union_areas_are_geographiclibs(
    first: tuple[float, float], second: tuple[float, float], radius_km: float
) -> None:
    """Unions of rings, as reach bands are: many parts, holes, cut at 180, closed at poles."""
    rings = [geo.range_ring(lat=lat, lon=lon, radius_km=radius_km) for lat, lon in (first, second)]
    union = geo.polygonal(shapely.union_all(rings))
    assert math.isclose(geo.area_km2(union), polygon_area_m2(union) / 1e6, rel_tol=1e-6)


def test_the_globe_and_the_globe_less_a_hole() -> None:
    assert geo.area_km2(geo.WORLD) == pytest.approx(EARTH_AREA_M2 / 1e6, rel=1e-12)
    hole = geo.range_ring(lat=-10.0, lon=-80.0, radius_km=1000.0)
    rest = geo.polygonal(geo.WORLD.difference(hole))
    assert geo.area_km2(rest) == pytest.approx(polygon_area_m2(rest) / 1e6, rel=1e-9)
    assert geo.area_km2(shapely.Polygon()) == 0.0
