"""Reach bands against the planner: P is in band k exactly when a plan over P needs <= k landings."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, shape

from airspace import state_at
from formats.features import reach_features
from formats.geojson import write_geojson
from routes import (
    Aircraft,
    FlightRules,
    NoPlanError,
    RoutesError,
    Site,
    bundled_sites,
    find_aircraft,
)
from routes.airspace_rule import STRAIGHT_GEODESICS, AirspaceRule, overfly_for
from routes.planning.planner import Mission, plan_mission
from routes.planning.policy import refuel_fields
from routes.reach_bands.bands import ONE_WAY, ROUND_TRIP, reach
from tests.geo.reference import GEODESIC, distance_m
from tests.geo.rfc7946 import check_rfc7946

positions = st.tuples(st.floats(-80.0, 80.0), st.floats(-180.0, 179.999))
#: Band edges are chords between vertices 1 km apart: within a metre of the true edge.
_EDGE_M = 1.0


def site(name: str, position: tuple[float, float]) -> Site:
    return Site(id=name, name=name, lat=position[0], lon=position[1])


def km(a: Site, b: Site) -> float:
    return distance_m(a.lat, a.lon, b.lat, b.lon) / 1000.0


def planned_landings(
    plane: Aircraft,
    mission: Mission,
    fields: list[Site],
    airspace_rule: AirspaceRule = STRAIGHT_GEODESICS,
) -> float:
    try:
        return len(
            plan_mission(
                FlightRules(plane, fields, airspace_rule=airspace_rule), mission
            ).refuel_stops
        )
    except NoPlanError:
        return float("inf")


def edge_margin_m(usable: float, origin: Site, fields: list[Site], point: Site, mode: str) -> float:
    """How far (in metres of flight) P is from the edge of any ring or ellipse that could hold it:
    the least |d(A, P) + d(P, B) - s| over every pair of nodes."""
    nodes = [origin, *fields]
    if mode == ONE_WAY:
        return min(abs(km(a, point) - usable) for a in nodes) * 1000.0
    return (
        min(
            abs(km(a, point) + km(point, b) - usable)
            for a, b in itertools.combinations_with_replacement(nodes, 2)
        )
        * 1000.0
    )


def thinnest_slack_m(usable: float, origin: Site, fields: list[Site]) -> float:
    """By how much the usable range exceeds the distance between two nodes (m), at least: an
    ellipse that thin turns at its tips within metres, between vertices 1 km apart, so its drawn
    tips are short of the true ones by up to that much (vertices are on the ellipse all the same)."""
    nodes = [origin, *fields]
    gaps = [
        usable - km(a, b)
        for a, b in itertools.combinations(nodes, 2)
        if km(a, b) < usable and km(a, b) > 0.0
    ]
    return min(gaps, default=float("inf")) * 1000.0


#: Ellipses thinner than this (slack in m) are not checked at their tips.
_NEEDLE_M = 2000.0


#: Steps from a place already chosen, as (azimuth, share of the range): fields and P land near
#: the origin and each other, where the bands are decided, across 180 and near the poles too.
steps = st.tuples(st.floats(-180.0, 180.0), st.floats(0.0, 1.3))


def step_from(
    start: tuple[float, float], step: tuple[float, float], range_km: float
) -> tuple[float, float]:
    end = GEODESIC.Direct(start[0], start[1], step[0], step[1] * range_km * 1000.0)
    lon = (end["lon2"] + 180.0) % 360.0 - 180.0
    return (float(end["lat2"]), float(lon))


# A field exactly the range away: a hop the planner flies (within TOLERANCE_KM), and a round
# trip's ellipse that collapses to the segment between the foci (once an invalid polygon).
@example(
    origin=(1.0, 0.0),
    field_steps=[(0, (0.0, 1.0))],
    point_step=(1, (0.0, 0.5)),
    range_km=800.0,
    mode=ONE_WAY,
)
@example(
    origin=(0.0, 0.0),
    field_steps=[(0, (0.0, 1.0))],
    point_step=(0, (0.0, 0.0)),
    range_km=800.0,
    mode=ROUND_TRIP,
)
@given(
    origin=positions,
    field_steps=st.lists(st.tuples(st.integers(0, 3), steps), min_size=0, max_size=3),
    point_step=st.tuples(st.integers(0, 3), steps),
    range_km=st.floats(800.0, 3000.0),
    mode=st.sampled_from([ROUND_TRIP, ONE_WAY]),
)
def test_bands_agree_with_the_planner(
    origin: tuple[float, float],
    field_steps: list[tuple[int, tuple[float, float]]],
    point_step: tuple[int, tuple[float, float]],
    range_km: float,
    mode: str,
) -> None:
    places = [origin]
    for start, step in field_steps:
        places.append(step_from(places[start % len(places)], step, range_km))
    fields = places[1:]
    point = step_from(places[point_step[0] % len(places)], point_step[1], range_km)
    plane = Aircraft(id="test", name="test", range_km=range_km)
    home = site("home", origin)
    landing = [site(f"f{index}", position) for index, position in enumerate(fields)]
    target = site("p", point)
    result = reach(FlightRules(plane, landing), home, landings=2, mode=mode, max_segment_km=1.0)
    if edge_margin_m(result.usable_km, home, landing, target, mode) < _EDGE_M:
        return
    if mode == ROUND_TRIP and thinnest_slack_m(result.usable_km, home, landing) < _NEEDLE_M:
        return
    if (target.lat, target.lon) == (home.lat, home.lon):
        return
    mission = Mission(home, (target,), home) if mode == ROUND_TRIP else Mission(home, (), target)
    needed = planned_landings(plane, mission, landing)
    event(f"needs {needed} landings")
    for band in result.bands:
        inside = band.area.covers(Point(target.lon, target.lat))
        assert inside == (needed <= band.landings), (band.landings, needed)


def test_h6k_from_neixiang_with_russian_far_east_fields() -> None:
    """The issue's example: each landing at a Russian Far East field takes the H-6K farther, and
    each band names the fields that open it."""
    catalog = bundled_sites()
    fields = refuel_fields(catalog, ["ru-far-east"])
    result = reach(
        FlightRules(find_aircraft("h-6k"), fields), catalog.resolve("neixiang"), landings=2
    )
    areas = [band.area for band in result.bands]
    assert all(area.is_valid for area in areas)
    assert areas[0].area < areas[1].area < areas[2].area
    # Nested, to the last bit of the union's arithmetic.
    assert all(
        earlier.difference(later).area < 1e-9 for earlier, later in itertools.pairwise(areas)
    )
    assert result.bands[0].describe() == "no landing"
    assert result.bands[1].describe().startswith("1 landing: via ")
    assert set(result.bands[1].fields) <= {field.id for field in fields}


@pytest.mark.parametrize(
    ("landings", "mode", "message"),
    [(-1, ROUND_TRIP, "from 0 to"), (7, ROUND_TRIP, "from 0 to"), (1, "both", "reach mode")],
)
def test_bad_requests_are_refused(landings: int, mode: str, message: str) -> None:
    catalog = bundled_sites()
    with pytest.raises(RoutesError, match=message):
        reach(
            FlightRules(find_aircraft("h-6k"), []),
            catalog.resolve("neixiang"),
            landings=landings,
            mode=mode,
        )


@pytest.mark.slow
def test_bands_keeping_out_of_airspace_agree_with_the_planner() -> None:
    """With airspace rules the bands come from a grid: away from their edges (by more than their
    accuracy, i.e. where the planner's answer is the same on a range that much shorter and that
    much longer) each point is in band k exactly when the planner needs at most k landings."""
    catalog = bundled_sites()
    home = catalog.resolve("neixiang")
    fields = [catalog.resolve("UHWW"), catalog.resolve("UHSS")]
    plane = Aircraft(id="test", name="test", range_km=4200.0, operator="CN")
    airspace_rule = AirspaceRule(overfly_for(plane, landing_countries=["RU"]))
    result = reach(FlightRules(plane, fields, airspace_rule=airspace_rule), home, landings=1)
    assert result.method == "grid"
    slack = result.accuracy_km
    rng = random.Random(5)
    seen: list[float] = []
    while len(seen) < 12:
        lat, lon = rng.uniform(20.0, 55.0), rng.uniform(105.0, 160.0)
        owner = state_at(lat=lat, lon=lon)
        if owner not in (None, "CN", "RU"):
            continue
        target = site("p", (lat, lon))
        answers = {
            planned_landings(
                Aircraft(id="t", name="t", range_km=plane.range_km + change, operator="CN"),
                Mission(home, (target,), home),
                fields,
                airspace_rule,
            )
            for change in (-slack, slack)
        }
        if len(answers) > 1:
            continue  # within the bands' accuracy of an edge
        (needed,) = answers
        for band in result.bands:
            assert band.area.covers(Point(lon, lat)) == (needed <= band.landings), (lat, lon)
        seen.append(needed)
    assert {0, 1, float("inf")} <= set(seen)  # points in each band, and beyond


@settings(max_examples=6, deadline=None)
@example(origin=(64.73, 177.74), field_steps=[(0, (90.0, 0.8))], range_km=3000.0, mode=ONE_WAY)
@example(origin=(70.0, 100.0), field_steps=[(0, (0.0, 0.9))], range_km=4000.0, mode=ROUND_TRIP)
@example(origin=(10.0, 100.0), field_steps=[(0, (45.0, 0.5))], range_km=12000.0, mode=ONE_WAY)
@example(
    origin=(14.0, 2.2250738585072014e-308),
    field_steps=[(0, (0.0, 0.0))],
    range_km=1000.0,
    mode=ONE_WAY,
)
@given(
    origin=positions,
    field_steps=st.lists(st.tuples(st.integers(0, 2), steps), min_size=1, max_size=2),
    range_km=st.floats(1000.0, 12_000.0),
    mode=st.sampled_from([ROUND_TRIP, ONE_WAY]),
)
def test_regression_written_bands_wind_as_rfc7946_asks(
    tmp_path_factory: pytest.TempPathFactory,
    origin: tuple[float, float],
    field_steps: list[tuple[int, tuple[float, float]]],
    range_km: float,
    mode: str,
) -> None:
    """Bands are unions made by GEOS, clockwise, and were written so: a client trusting winding
    read everything but the band. Across 180, round a pole and round both."""
    places = [origin]
    for start, step in field_steps:
        places.append(step_from(places[start % len(places)], step, range_km))
    plane = Aircraft(id="test", name="test", range_km=range_km)
    fields = [site(f"f{index}", position) for index, position in enumerate(places[1:])]
    result = reach(FlightRules(plane, fields), site("home", origin), landings=1, mode=mode)
    path = tmp_path_factory.mktemp("bands") / "reach.geojson"
    write_geojson(path, reach_features(result))
    written = [f for f in check_rfc7946(path)["features"] if f["properties"]["kind"] == "reach"]
    for band, item in zip(result.bands, written, strict=True):
        assert shape(item["geometry"]).symmetric_difference(band.area).area < 1e-3
