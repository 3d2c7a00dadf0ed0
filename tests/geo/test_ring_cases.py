"""Named range rings: the mission's bases, both-pole rings, near-whole-globe rings, polar caps."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

import geo
from tests.geo.reference import EARTH_AREA_M2, area_by_pieces_m2, disc_area_m2, distance_m

UKRAINKA = (51.17, 128.445)
NEIXIANG = (32.973274, 111.882773)
NORTH_POLE = Point(0.0, 90.0)
SOUTH_POLE = Point(0.0, -90.0)


def test_tu95_ring_from_ukrainka_encloses_the_north_pole_and_crosses_180() -> None:
    ring = geo.range_ring(lat=UKRAINKA[0], lon=UKRAINKA[1], radius_km=10_300)
    assert isinstance(ring, Polygon)  # a cap closed along the pole is one piece
    assert ring.covers(NORTH_POLE) and not ring.covers(SOUTH_POLE)
    assert ring.bounds[0] == -180.0 and ring.bounds[2] == 180.0
    # Far enough south to reach Australia's latitude: 10,300 km is about 92.7 degrees of arc.
    assert -42.0 < ring.bounds[1] < -41.5
    assert ring.covers(Point(-157.92, 21.32))  # Honolulu is within reach
    assert not ring.covers(Point(-63.96, -32.11))


def test_h6k_ring_from_neixiang_stops_short_of_the_pole() -> None:
    # Neixiang is 6,338 km from the North Pole: the 6,000 km ring does not enclose it.
    to_pole = geo.distance_km(lat1=NEIXIANG[0], lon1=NEIXIANG[1], lat2=90, lon2=0)
    assert 6300 < to_pole < 6400
    ring = geo.range_ring(lat=NEIXIANG[0], lon=NEIXIANG[1], radius_km=6000)
    assert not ring.covers(NORTH_POLE)
    assert ring.covers(Point(128.445, 51.17))  # Ukrainka
    assert ring.covers(Point(144.93, 13.58))  # Guam
    assert not ring.covers(Point(-157.92, 21.32))  # Honolulu


@pytest.mark.parametrize(("lat", "encloses"), [(36.20, True), (36.10, False)])
def test_6000_km_ring_encloses_the_pole_from_north_of_36_15(lat: float, encloses: bool) -> None:
    ring = geo.range_ring(lat=lat, lon=111.88, radius_km=6000)
    assert ring.covers(NORTH_POLE) is encloses


def test_10300_km_ring_from_the_equator_encloses_both_poles() -> None:
    ring = geo.range_ring(lat=0.0, lon=100.0, radius_km=10_300)
    assert ring.covers(NORTH_POLE) and ring.covers(SOUTH_POLE)
    antipode = Point(-80.0, 0.0)
    assert not ring.covers(antipode)
    assert isinstance(ring, Polygon) and len(ring.interiors) == 1  # the globe less a hole
    expected = disc_area_m2(0.0, 100.0, 10_300)
    assert math.isclose(area_by_pieces_m2(ring), expected, rel_tol=1e-4)
    assert expected > EARTH_AREA_M2 / 2


def test_19000_km_ring_leaves_a_hole_of_about_1000_km_round_the_antipode() -> None:
    ring = geo.range_ring(lat=-33.0, lon=151.0, radius_km=19_000)
    hole = Polygon(ring.interiors[0]) if isinstance(ring, Polygon) and ring.interiors else None
    assert hole is not None
    antipode_lat, antipode_lon = 33.0, -29.0
    assert hole.contains(Point(antipode_lon, antipode_lat))
    # On a sphere the hole would be a circle of HALF_MERIDIAN - r = 1,003.9 km round the antipode;
    # the ellipsoid bends it by a few percent. Its vertices are 19,000 km from the centre.
    for lon, lat in hole.exterior.coords:
        assert abs(distance_m(antipode_lat, antipode_lon, lat, lon) - 1_003_900) < 50_000
        assert abs(distance_m(-33.0, 151.0, lat, lon) - 19_000_000) < 1.0


def test_ring_centred_on_the_north_pole_is_a_cap_of_constant_latitude() -> None:
    ring = geo.range_ring(lat=90.0, lon=0.0, radius_km=1000)
    assert isinstance(ring, Polygon)
    xy = shapely.get_coordinates(ring)
    boundary = xy[xy[:, 1] != 90.0]
    assert np.ptp(boundary[:, 1]) < 1e-9
    assert boundary[:, 1].min() == pytest.approx(81.0462, abs=1e-4)


def test_anadyr_ring_is_cut_into_two_pieces_that_meet_on_the_antimeridian() -> None:
    ring = geo.range_ring(lat=64.7349, lon=177.741, radius_km=1500)
    assert isinstance(ring, MultiPolygon) and len(ring.geoms) == 2
    east, west = sorted(ring.geoms, key=lambda part: -part.bounds[0])
    east_cut = {lat for lon, lat in east.exterior.coords if lon == 180.0}
    west_cut = {lat for lon, lat in west.exterior.coords if lon == -180.0}
    assert east_cut == west_cut and len(east_cut) == 2


def test_radius_at_the_half_meridian_is_the_whole_globe() -> None:
    assert geo.range_ring(lat=12.0, lon=34.0, radius_km=geo.HALF_MERIDIAN_KM).equals(geo.WORLD)
    assert geo.range_ring(lat=-90.0, lon=0.0, radius_km=25_000).equals(geo.WORLD)


def test_just_short_of_the_half_meridian_leaves_a_small_hole_at_the_antipode() -> None:
    ring = geo.range_ring(lat=20.0, lon=40.0, radius_km=geo.HALF_MERIDIAN_KM - 0.5)
    assert not ring.covers(Point(-140.0, -20.0))
    assert ring.covers(Point(-140.0, -20.1))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lat": 95.0}, geo.InvalidCoordinateError, "latitude 95.0 is outside [-90, 90]"),
        ({"lat": float("nan")}, geo.InvalidCoordinateError, "latitude nan is not a finite number"),
        ({"lon": "Ukrainka"}, geo.InvalidCoordinateError, "longitude 'Ukrainka' is not a number"),
        ({"radius_km": 0.0}, geo.InvalidDistanceError, "radius 0.0 km must be greater than 0"),
        ({"radius_km": -10.0}, geo.InvalidDistanceError, "radius -10.0 km must be greater than 0"),
        (
            {"radius_km": float("inf")},
            geo.InvalidDistanceError,
            "radius inf is not a finite number",
        ),
        (
            {"max_segment_km": 0},
            geo.InvalidDistanceError,
            "max_segment_km 0.0 km must be greater than 0",
        ),
        ({"lat": [1.0, 2.0]}, geo.InvalidCoordinateError, "latitude must be a single number"),
    ],
)
def test_bad_input_names_the_value(kwargs: dict[str, object], error: type, message: str) -> None:
    args: dict[str, object] = {"lat": 10.0, "lon": 20.0, "radius_km": 100.0, **kwargs}
    with pytest.raises(error) as caught:
        geo.range_ring(**args)
    assert str(caught.value).startswith(message)


def test_longitude_outside_the_range_is_normalised() -> None:
    assert geo.range_ring(lat=10, lon=190, radius_km=500).equals(
        geo.range_ring(lat=10, lon=-170, radius_km=500)
    )
