"""range_ellipse: the points whose distances to two foci add up to at most a length, checked with
GeographicLib (tests.geo.reference): boundary vertices on the ellipse to 1 m, membership of random
points, RFC 7946 topology across 180 and round the poles, and the ring when the foci coincide."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import assume, example, given
from hypothesis import strategies as st
from shapely.geometry import Point

import geo
from tests.geo.reference import distance_m

latitudes = st.one_of(st.sampled_from([-89.5, 89.5, 0.0]), st.floats(-89.9, 89.9))
longitudes = st.one_of(st.sampled_from([-180.0, 180.0, 179.9, -179.9]), st.floats(-180, 180))


def on_boundary(shape: shapely.Geometry) -> np.ndarray:
    """Vertices on the ellipse itself: all but those closing along a pole or the cut at 180."""
    xy = shapely.get_coordinates(shape)
    return xy[(np.abs(xy[:, 1]) != 90.0) & (np.abs(xy[:, 0]) != 180.0)]


@example(lat1=64.7, lon1=177.7, lat2=61.2, lon2=-149.8, extra=0.2)  # Anadyr to Elmendorf, over 180
@example(lat1=80.0, lon1=30.0, lat2=80.0, lon2=-150.0, extra=0.5)  # round the North Pole
@example(lat1=0.0, lon1=0.0, lat2=0.0, lon2=90.0, extra=1.0)  # both poles: a hole round the rest
@given(
    lat1=latitudes,
    lon1=longitudes,
    lat2=latitudes,
    lon2=longitudes,
    extra=st.floats(0.01, 2.0),
)
def test_boundary_is_on_the_ellipse_and_points_are_in_where_they_should_be(
    lat1: float, lon1: float, lat2: float, lon2: float, extra: float
) -> None:
    between = distance_m(lat1, lon1, lat2, lon2) / 1000.0
    assume(between > 1.0)
    total = between * (1.0 + extra) + 10.0
    assume((total + between) / 2.0 < 19_900.0)
    shape = geo.range_ellipse(lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2, sum_km=total)
    assert shape.is_valid and not shape.is_empty
    for lon, lat in on_boundary(shape)[::7]:
        sum_m = distance_m(lat1, lon1, lat, lon) + distance_m(lat, lon, lat2, lon2)
        assert abs(sum_m - total * 1000.0) < 1.0
    rng = np.random.default_rng(int(abs(lat1 * 1e4 + lon2 * 1e3)) % 2**31)
    for lat, lon in zip(rng.uniform(-89, 89, 40), rng.uniform(-180, 180, 40), strict=True):
        sum_km = (distance_m(lat1, lon1, lat, lon) + distance_m(lat, lon, lat2, lon2)) / 1000.0
        if abs(sum_km - total) < 50.0:  # drawn chords may stray from the ellipse by metres
            continue
        assert shape.covers(Point(lon, lat)) == (sum_km <= total), (lat, lon, sum_km, total)


def test_coinciding_foci_give_the_ring() -> None:
    ellipse = geo.range_ellipse(lat1=51.17, lon1=128.445, lat2=51.17, lon2=128.445, sum_km=12_000)
    ring = geo.range_ring(lat=51.17, lon=128.445, radius_km=6_000)
    assert ellipse.equals(ring)


def test_sums_near_the_half_circumference_and_beyond() -> None:
    near = geo.range_ellipse(lat1=0.0, lon1=0.0, lat2=10.0, lon2=10.0, sum_km=20_000.0)
    assert near.is_valid and near.covers(Point(0.0, 90.0)) and not near.covers(Point(-170, -5))
    assert geo.range_ellipse(lat1=0, lon1=0, lat2=10, lon2=10, sum_km=40_008.0).equals(geo.WORLD)


@pytest.mark.parametrize(
    ("sum_km", "message"),
    [
        (100.0, "must exceed the"),
        (39_000.0, "too large to solve"),
        (-5.0, "must be greater than 0"),
        (float("nan"), "not a finite number"),
    ],
)
def test_impossible_ellipses_are_refused(sum_km: float, message: str) -> None:
    with pytest.raises(geo.GeoError, match=message):
        geo.range_ellipse(lat1=0.0, lon1=0.0, lat2=0.0, lon2=179.0, sum_km=sum_km)
