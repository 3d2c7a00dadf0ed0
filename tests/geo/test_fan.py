"""Range fans and radials: vertices at the stated distances and azimuths (pyproj's inverse),
fans' areas against GeographicLib's, RFC 7946 on the written file, across 180 and round the
poles; bad input refused."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from geographiclib.polygonarea import PolygonArea
from hypothesis import example, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

import geo
from formats.geojson import feature, write_geojson
from geo.fan import sweep_deg
from tests.geo.reference import GEODESIC, disc_area_m2, polygon_area_m2
from tests.geo.rfc7946 import check_rfc7946

#: A vertex is on an edge to a millimetre (vertices cut at 180 are solved to 11 micrometres).
_TOLERANCE_M = 1e-3


def fan_area_m2(
    lat: float, lon: float, min_km: float, max_km: float, start: float, sweep: float
) -> float:
    """The fan's area from GeographicLib alone: its edge by direct solutions, counter-clockwise
    (outer arc by falling azimuth, first edge in, inner arc, second edge out), the area on the
    left. The edges along the two azimuths are geodesics, so only the arcs are chords."""
    polygon = PolygonArea(GEODESIC)
    count = max(8, math.ceil(sweep * 10))
    for azimuth in np.linspace(start + sweep, start, count + 1):
        end = GEODESIC.Direct(lat, lon, float(azimuth), max_km * 1000.0)
        polygon.AddPoint(end["lat2"], end["lon2"])
    if min_km == 0.0:
        polygon.AddPoint(lat, lon)
    else:
        for azimuth in np.linspace(start, start + sweep, count + 1):
            end = GEODESIC.Direct(lat, lon, float(azimuth), min_km * 1000.0)
            polygon.AddPoint(end["lat2"], end["lon2"])
    _, _, area = polygon.Compute(False, False)
    return float(area)


def _in_sector(azimuth: np.ndarray, start: float, sweep: float) -> np.ndarray:
    along = np.mod(azimuth - start, 360.0)
    slack = 1e-6
    return (along <= sweep + slack) | (along >= 360.0 - slack)


def check_vertices(
    fan: shapely.Geometry,
    lat: float,
    lon: float,
    min_km: float,
    max_km: float,
    start: float,
    sweep: float,
) -> None:
    """Every vertex (but those closing the shape along a pole) lies on the fan's edge: at
    `min_km` or `max_km` within the sector, or on the geodesic of either edge azimuth between
    the two distances, by pyproj's inverse and direct solutions."""
    xy = shapely.get_coordinates(fan)
    xy = xy[np.abs(xy[:, 1]) != 90.0]
    geod = geo.geodesic.wgs84()
    size = len(xy)
    azimuth, _, distance = geod.inv(np.full(size, lon), np.full(size, lat), xy[:, 0], xy[:, 1])
    azimuth, distance = np.mod(np.asarray(azimuth), 360.0), np.asarray(distance)
    inside = _in_sector(azimuth, start, sweep)
    on_arc = inside & (
        (np.abs(distance - max_km * 1000.0) < _TOLERANCE_M)
        | (np.abs(distance - min_km * 1000.0) < _TOLERANCE_M)
    )
    between = (distance > min_km * 1000.0 - _TOLERANCE_M) & (
        distance < max_km * 1000.0 + _TOLERANCE_M
    )
    on_edge = distance < _TOLERANCE_M  # the apex
    for edge in (start, start + sweep):
        ends_lon, ends_lat, _ = geod.fwd(
            np.full(size, lon), np.full(size, lat), np.full(size, edge), distance
        )
        _, _, off = geod.inv(ends_lon, ends_lat, xy[:, 0], xy[:, 1])
        on_edge |= between & (np.asarray(off) < _TOLERANCE_M)
    stray = ~(on_arc | on_edge)
    assert not stray.any(), f"{stray.sum()} vertices off the fan, e.g. {xy[stray][:3].tolist()}"


def check_spacing(fan: shapely.Geometry, segment_km: float) -> None:
    """Consecutive vertices at most `segment_km` apart (the seams along 180 and the poles,
    and the globe's box, aside)."""
    geod = geo.geodesic.wgs84()
    for polygon in getattr(fan, "geoms", [fan]):
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            a, b = xy[:-1], xy[1:]
            seam = ((np.abs(a[:, 0]) == 180.0) & (a[:, 0] == b[:, 0])) | (
                (np.abs(a[:, 1]) == 90.0) | (np.abs(b[:, 1]) == 90.0)
            )
            _, _, apart = geod.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
            assert np.all((np.asarray(apart) / 1000.0 <= segment_km * 1.0001) | seam)


#: (lat, lon, min_km, max_km, from, to)
_CASES = [
    (32.97, 111.88, 500.0, 2400.0, 30.0, 120.0),  # a CJ-20's arc from Neixiang
    (64.73, 177.74, 0.0, 3000.0, 300.0, 60.0),  # from Anadyr across 180 over the pole
    (0.0, 170.0, 1000.0, 15_000.0, -100.0, 190.0),  # both poles: the globe less a hole
    (-80.0, 20.0, 100.0, 5000.0, 90.0, 270.0),  # round the South Pole
    (10.0, -179.0, 0.0, 19_960.0, 10.0, 350.0),  # nearly the whole globe, to the limit
    (89.5, 0.0, 50.0, 1500.0, 170.0, 190.0),  # next to the North Pole, away from it
    (45.0, 179.99, 0.0, 50.0, 0.0, 1.0),  # a sliver on 180
]


@pytest.mark.parametrize(("lat", "lon", "min_km", "max_km", "start", "end"), _CASES)
def test_fans_are_geodesic_and_rfc7946_on_file(
    tmp_path: Path,
    lat: float,
    lon: float,
    min_km: float,
    max_km: float,
    start: float,
    end: float,
) -> None:
    fan = geo.range_fan(
        lat=lat, lon=lon, min_km=min_km, max_km=max_km, from_azimuth=start, to_azimuth=end
    )
    assert fan.is_valid
    sweep = sweep_deg(start, end)
    check_vertices(fan, lat, lon, min_km, max_km, start, sweep)
    check_spacing(fan, geo.DEFAULT_MAX_SEGMENT_KM)
    expected = fan_area_m2(lat, lon, min_km, max_km, start, sweep) / 1e6
    assert math.isclose(geo.area_km2(fan), expected, rel_tol=2e-4)
    assert math.isclose(geo.area_km2(fan), polygon_area_m2(fan) / 1e6, rel_tol=1e-6)
    path = write_geojson(tmp_path / "fan.geojson", [feature(fan, {"kind": "fan"})])
    check_rfc7946(path)


def test_a_fan_holding_a_pole_is_closed_along_it() -> None:
    fan = geo.range_fan(
        lat=64.73, lon=177.74, min_km=0.0, max_km=3000.0, from_azimuth=300, to_azimuth=60
    )
    assert fan.covers(Point(0.0, 90.0)) and fan.bounds[3] == 90.0
    away = geo.range_fan(
        lat=64.73, lon=177.74, min_km=0.0, max_km=3000.0, from_azimuth=120, to_azimuth=240
    )
    assert not away.covers(Point(0.0, 90.0))


@settings(max_examples=30, deadline=None, report_multiple_bugs=False)
@example(lat=0.0, lon=179.5, min_km=0.0, max_km=10_300.0, start=350.0, sweep=200.0)
@example(lat=-89.0, lon=-60.0, min_km=10.0, max_km=19_000.0, start=0.0, sweep=359.0)
@example(lat=70.0, lon=-170.0, min_km=2000.0, max_km=2001.0, start=45.0, sweep=0.5)
@example(lat=0.0, lon=0.0, min_km=0.0, max_km=10.0, start=0.0, sweep=1.0)  # a small fan
@given(
    lat=st.floats(-89.0, 89.0),
    lon=st.floats(-180.0, 180.0),
    min_km=st.one_of(st.just(0.0), st.floats(1.0, 9_000.0)),
    max_km=st.floats(10.0, 19_950.0),
    start=st.floats(-360.0, 360.0),
    sweep=st.floats(0.5, 359.5),
)
def test_fan_properties(
    lat: float, lon: float, min_km: float, max_km: float, start: float, sweep: float
) -> None:
    """Vertices on the stated distances and azimuths; the area GeographicLib's, and the fan's
    own part of the ring of `max_km` (two fans back to back make the annulus)."""
    if min_km >= max_km:
        min_km = 0.0
    fan = geo.range_fan(
        lat=lat,
        lon=lon,
        min_km=min_km,
        max_km=max_km,
        from_azimuth=start,
        to_azimuth=start + sweep,
    )
    assert fan.is_valid and not fan.is_empty
    check_vertices(fan, lat, lon, min_km, max_km, start, sweep)
    area = geo.area_km2(fan)
    assert math.isclose(
        area, fan_area_m2(lat, lon, min_km, max_km, start, sweep) / 1e6, rel_tol=5e-4
    )
    rest = geo.range_fan(
        lat=lat,
        lon=lon,
        min_km=min_km,
        max_km=max_km,
        from_azimuth=start + sweep,
        to_azimuth=start + 360.0,
    )
    annulus = disc_area_m2(lat, lon, max_km) - (
        disc_area_m2(lat, lon, min_km) if min_km > 0.0 else 0.0
    )
    assert math.isclose(area + geo.area_km2(rest), annulus / 1e6, rel_tol=2e-4)


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"from_azimuth": math.nan}, geo.GeoError, "from_azimuth nan is not a finite number"),
        ({"to_azimuth": math.inf}, geo.GeoError, "to_azimuth inf is not a finite number"),
        ({"to_azimuth": "east"}, geo.GeoError, "to_azimuth 'east' is not a number"),
        ({"min_km": 3000.0}, geo.InvalidDistanceError, "min_km 3000.0 must be less than max_km"),
        ({"min_km": -1.0}, geo.InvalidDistanceError, "min_km -1.0 km must be at least 0"),
        ({"max_km": 0.0}, geo.InvalidDistanceError, "max_km 0.0 km must be greater than 0"),
        ({"max_km": 19_990.0}, geo.InvalidDistanceError, "max_km 19990.0 is beyond 19,964 km"),
        ({"lat": 91.0}, geo.InvalidCoordinateError, "latitude 91.0 is outside [-90, 90]"),
        ({"to_azimuth": 390.0}, geo.GeoError, "from_azimuth 30.0 and to_azimuth 390.0 point"),
        ({"max_segment_km": 0.0}, geo.InvalidDistanceError, "max_segment_km 0.0 km must be"),
    ],
)
def test_bad_fans_are_refused(changes: dict[str, object], error: type, message: str) -> None:
    arguments: dict[str, object] = {
        "lat": 32.97,
        "lon": 111.88,
        "min_km": 0.0,
        "max_km": 2400.0,
        "from_azimuth": 30,
        "to_azimuth": 120,
    }
    with pytest.raises(error, match=message.replace("[", r"\[").replace("]", r"\]")):
        geo.range_fan(**{**arguments, **changes})  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@example(lat=64.73, lon=177.74, azimuth=90.0, length_km=1000.0)  # across 180
@example(lat=80.0, lon=10.0, azimuth=0.0, length_km=3000.0)  # over the North Pole
@example(lat=-70.0, lon=-179.0, azimuth=180.0, length_km=19_960.0)  # over the South Pole, far
@given(
    lat=st.floats(-90.0, 90.0),
    lon=st.floats(-180.0, 180.0),
    azimuth=st.floats(-360.0, 720.0),
    length_km=st.floats(1.0, 19_960.0),
)
def test_radials_run_along_their_azimuth(
    lat: float, lon: float, azimuth: float, length_km: float
) -> None:
    """Every vertex of a radial lies on the geodesic at its azimuth, at its distance along it
    (pyproj's inverse), within [0, length]; vertices at most a segment apart, ends exact."""
    ray = geo.geodesic_ray(lat=lat, lon=lon, azimuth_deg=azimuth, length_km=length_km)
    xy = shapely.get_coordinates(ray)
    geod = geo.geodesic.wgs84()
    size = len(xy)
    _, _, distance = geod.inv(np.full(size, lon), np.full(size, lat), xy[:, 0], xy[:, 1])
    distance = np.asarray(distance)
    assert distance.max() <= length_km * 1000.0 + _TOLERANCE_M
    on_lon, on_lat, _ = geod.fwd(
        np.full(size, lon), np.full(size, lat), np.full(size, azimuth), distance
    )
    _, _, off = geod.inv(on_lon, on_lat, xy[:, 0], xy[:, 1])
    assert np.asarray(off).max() < _TOLERANCE_M
    end = geo.destination(lat=lat, lon=lon, azimuth_deg=azimuth, distance_km=length_km)
    assert geo.distance_km(lat1=end.lat, lon1=end.lon, lat2=xy[-1, 1], lon2=xy[-1, 0]) < 1e-6
    assert np.all(np.abs(xy[:, 0]) <= 180.0)


def test_a_radial_past_the_limit_is_refused() -> None:
    with pytest.raises(geo.InvalidDistanceError, match=r"length 19990\.0 km is beyond 19,964 km"):
        geo.geodesic_ray(lat=0.0, lon=0.0, azimuth_deg=10.0, length_km=19_990.0)
    with pytest.raises(geo.GeoError, match="azimuth nan is not a finite number"):
        geo.geodesic_ray(lat=0.0, lon=0.0, azimuth_deg=math.nan, length_km=100.0)
