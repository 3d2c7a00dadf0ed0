"""distance_km, initial_azimuth_deg and destination against GeographicLib's published geodesics."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import geo
from tests.geo.reference import GEODESIC, distance_m


def test_wellington_salamanca_distance_to_a_millimetre() -> None:
    km = geo.distance_km(lat1=-41.32, lon1=174.81, lat2=40.96, lon2=-5.50)
    assert abs(km * 1000.0 - 19_959_679.267) < 1e-3


def test_wellington_salamanca_initial_azimuth() -> None:
    azimuth = geo.initial_azimuth_deg(lat1=-41.32, lon1=174.81, lat2=40.96, lon2=-5.50)
    assert abs(azimuth - 161.067669986) < 1e-9


def test_perth_destination_to_a_millimetre() -> None:
    end = geo.destination(lat=-32.06, lon=115.74, azimuth_deg=225, distance_km=20_000)
    # GeographicLib's documentation gives (32.11195529, -63.95925278): the geodesic crosses the
    # equator (../shared/reference/sites.md drops the sign of the latitude). 1e-8 degree <= 1.1 mm.
    assert abs(end.lat - 32.11195529) < 1e-8
    assert abs(end.lon - -63.95925278) < 1e-8


def test_meridian_constants_match_the_ellipsoid() -> None:
    pole_to_pole = geo.distance_km(lat1=-90, lon1=0, lat2=90, lon2=0)
    assert abs(pole_to_pole - geo.HALF_MERIDIAN_KM) < 1e-6
    assert abs(geo.HALF_MERIDIAN_KM * 1000.0 - 20_003_931.459) < 1e-3
    assert abs(geo.QUARTER_MERIDIAN_KM * 1000.0 - 10_001_965.729) < 1e-3


def test_scalars_in_floats_out() -> None:
    assert type(geo.distance_km(lat1=0, lon1=0, lat2=1, lon2=1)) is float
    end = geo.destination(lat=0, lon=0, azimuth_deg=90, distance_km=100)
    assert type(end.lat) is float and type(end.lon) is float


def test_vectorised_over_arrays_matches_scalars() -> None:
    lat2 = np.array([10.0, -45.0, 89.0])
    lon2 = np.array([179.0, -120.0, 0.5])
    km = geo.distance_km(lat1=0.0, lon1=0.0, lat2=lat2, lon2=lon2)
    assert isinstance(km, np.ndarray) and km.shape == (3,)
    for i in range(3):
        assert km[i] == geo.distance_km(lat1=0.0, lon1=0.0, lat2=lat2[i], lon2=lon2[i])
    ends = geo.destination(lat=0.0, lon=0.0, azimuth_deg=np.array([0.0, 90.0]), distance_km=1000)
    assert ends.lat.shape == (2,)


coordinates = st.tuples(st.floats(-90, 90), st.floats(-180, 180))


@given(start=coordinates, azimuth=st.floats(0, 360), distance=st.floats(0.001, 19_000))
def test_destination_agrees_with_geographiclib(
    start: tuple[float, float], azimuth: float, distance: float
) -> None:
    lat, lon = start
    end = geo.destination(lat=lat, lon=lon, azimuth_deg=azimuth, distance_km=distance)
    expected = GEODESIC.Direct(lat, lon, azimuth, distance * 1000.0)
    assert distance_m(end.lat, end.lon, expected["lat2"], expected["lon2"]) < 1e-3


@given(a=coordinates, b=coordinates)
def test_distance_agrees_with_geographiclib_and_is_symmetric(
    a: tuple[float, float], b: tuple[float, float]
) -> None:
    km = geo.distance_km(lat1=a[0], lon1=a[1], lat2=b[0], lon2=b[1])
    back = geo.distance_km(lat1=b[0], lon1=b[1], lat2=a[0], lon2=a[1])
    assert abs(km * 1000.0 - distance_m(a[0], a[1], b[0], b[1])) < 1e-3
    assert abs(km - back) < 1e-6


def test_longitudes_outside_the_range_are_normalised() -> None:
    assert geo.distance_km(lat1=10, lon1=190, lat2=10, lon2=-170) == 0.0
    assert math.isclose(
        geo.distance_km(lat1=0, lon1=-540, lat2=0, lon2=10),
        geo.distance_km(lat1=0, lon1=180, lat2=0, lon2=10),
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lat1": 95.0}, "latitude 95.0 is outside [-90, 90]"),
        ({"lat2": -90.5}, "lat2 -90.5 is outside [-90, 90]"),
        ({"lat1": float("nan")}, "lat1 nan is not a finite number"),
        ({"lon2": float("inf")}, "lon2 inf is not a finite number"),
        ({"lon1": "east"}, "lon1 'east' is not a number"),
        ({"lat1": None}, "lat1 None is not a number"),
        ({"lat1": True}, "lat1 True is not a number"),
        ({"lat2": np.array([0.0, 91.0])}, "lat2 91.0 is outside [-90, 90]"),
    ],
)
def test_bad_coordinates_name_the_value(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"lat1": 0.0, "lon1": 0.0, "lat2": 1.0, "lon2": 1.0, **kwargs}
    with pytest.raises(geo.InvalidCoordinateError) as caught:
        geo.distance_km(**args)
    assert str(caught.value) == message.replace("latitude", "lat1")
    assert isinstance(caught.value, ValueError)


def test_negative_distance_is_refused() -> None:
    with pytest.raises(geo.InvalidDistanceError, match=r"distance -5.0 km must be at least 0"):
        geo.destination(lat=0, lon=0, azimuth_deg=0, distance_km=-5)
