"""The pruned planner for the world's airports agrees with the exact all-pairs planner."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routes import (
    Aircraft,
    AirspaceRule,
    FlightRules,
    NoPlanError,
    Overfly,
    RoutesError,
    bundled_sites,
)
from routes.planning.at_scale import plan_mission_at_scale
from routes.planning.fields import FieldSet, all_airports
from routes.planning.planner import Mission, plan_mission
from tests.routes.drawn import SEA, make_site, rule_at_sea

points = st.tuples(st.floats(-60.0, 75.0), st.floats(-180.0, 180.0))


@given(
    origin=points,
    waypoints=st.lists(points, max_size=2),
    final=st.one_of(st.none(), points),
    fields=st.lists(points, min_size=0, max_size=25),
    range_km=st.floats(1000.0, 12000.0),
)
def test_agrees_with_the_exact_planner(
    origin: tuple[float, float],
    waypoints: list[tuple[float, float]],
    final: tuple[float, float] | None,
    fields: list[tuple[float, float]],
    range_km: float,
) -> None:
    start = make_site("origin", origin)
    mission = Mission(
        origin=start,
        waypoints=tuple(make_site(f"w{i}", p) for i, p in enumerate(waypoints)),
        final=make_site("final", final) if final else None,
    )
    allowed = [make_site(f"f{i}", p) for i, p in enumerate(fields)]
    aircraft = Aircraft(id="test", name="test", range_km=range_km)
    try:
        exact = plan_mission(FlightRules(aircraft, allowed), mission)
    except NoPlanError:
        with pytest.raises(NoPlanError):
            plan_mission_at_scale(FlightRules(aircraft, FieldSet.from_sites(allowed)), mission)
        return
    except RoutesError:
        return  # a mission that goes nowhere: refused by both, tested elsewhere
    pruned = plan_mission_at_scale(FlightRules(aircraft, FieldSet.from_sites(allowed)), mission)
    assert len(pruned.refuel_stops) == len(exact.refuel_stops)
    assert math.isclose(pruned.total_km, exact.total_km, rel_tol=1e-9, abs_tol=1e-6)
    for stretch in pruned.stretches:
        assert stretch.distance_km <= pruned.usable_range_km + 1e-6


@pytest.fixture(scope="module")
def airports() -> FieldSet:
    return all_airports()


def test_japan_to_alaska_needs_stops_with_a_2500_km_aircraft(airports: FieldSet) -> None:
    sites = bundled_sites()
    ferry = Aircraft(id="ferry", name="ferry", range_km=2500)
    plan = plan_mission_at_scale(
        FlightRules(ferry, airports),
        Mission(origin=sites.resolve("RJAA"), final=sites.resolve("PANC")),
    )
    assert len(plan.refuel_stops) == 2
    assert all(stretch.distance_km <= 2500 for stretch in plan.stretches)


def test_california_to_hawaii_with_us_fields_only_is_infeasible() -> None:
    sites = bundled_sites()
    ferry = Aircraft(id="ferry", name="ferry", range_km=2500)
    with pytest.raises(NoPlanError, match=r"cannot land at PHNL .* the nearest field it can reach"):
        plan_mission_at_scale(
            FlightRules(ferry, all_airports(["US"])),
            Mission(origin=sites.resolve("KSFO"), final=sites.resolve("PHNL")),
        )


def test_a_failure_over_every_airport_is_told_as_the_catalog_planner_tells_one() -> None:
    """One explanation of "no plan": the range the failing stretch needs, and the fix."""
    sites = bundled_sites()
    ferry = Aircraft(id="ferry", name="ferry", range_km=2500)
    with pytest.raises(NoPlanError) as caught:
        plan_mission_at_scale(
            FlightRules(ferry, all_airports(["US"]), reserve=0.1),
            Mission(origin=sites.resolve("KSFO"), final=sites.resolve("PHNL")),
        )
    message = str(caught.value)
    assert "usable range of 2,250 km; it needs a range of at least" in message
    assert "at 10% reserve, or a field nearer PHNL" in message
    assert caught.value.short_km is not None and caught.value.short_km > 0.0


def test_regression_a_final_site_in_forbidden_airspace_is_named() -> None:
    """Over every airport, a final site inside airspace the flight may not enter was "N km from
    the nearest field, -M km more than its usable range"; it is named as out of bounds."""
    sites = bundled_sites()
    plane = Aircraft(id="t", name="t", range_km=2500, operator="CN")
    rule = AirspaceRule(Overfly(frozenset({"CN", "RU"})))
    mission = Mission(origin=sites["neixiang"], final=sites["dokdo"])
    with pytest.raises(NoPlanError, match=r"^final site dokdo .* sovereign airspace of KR"):
        plan_mission_at_scale(
            FlightRules(plane, all_airports(["CN", "RU"]), airspace_rule=rule), mission
        )


def test_california_to_hawaii_island_hops_across_the_north_pacific(airports: FieldSet) -> None:
    # With every airport on Earth allowed, 2,500 km is enough by way of the Aleutians, Japan and
    # the mid-Pacific islands: far from a direct route, but a route.
    sites = bundled_sites()
    ferry = Aircraft(id="ferry", name="ferry", range_km=2500)
    plan = plan_mission_at_scale(
        FlightRules(ferry, airports),
        Mission(origin=sites.resolve("KSFO"), final=sites.resolve("PHNL")),
    )
    assert len(plan.refuel_stops) >= 5
    assert plan.refuel_stops[-1].id in {"PMDY", "PHLI", "PHNG"} or plan.refuel_stops[
        -1
    ].country in {"US", "UM"}


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    origin=SEA,
    waypoints=st.lists(SEA, min_size=1, max_size=2),
    fields=st.lists(SEA, max_size=6),
    range_km=st.floats(1500.0, 5000.0),
)
def test_agrees_with_the_exact_planner_keeping_out_of_airspace(
    origin: tuple[float, float],
    waypoints: list[tuple[float, float]],
    fields: list[tuple[float, float]],
    range_km: float,
) -> None:
    """Round Japan and Korea, the pruned planner (straight lines first, tracks for the plans it
    finds, until its best flies tracks only) gives the sweep's answer."""
    airspace_rule = rule_at_sea(origin, waypoints, fields)
    start = make_site("origin", origin)
    mission = Mission(
        origin=start, waypoints=tuple(make_site(f"w{i}", p) for i, p in enumerate(waypoints))
    )
    allowed = [make_site(f"f{i}", p) for i, p in enumerate(fields)]
    aircraft = Aircraft(id="test", name="test", range_km=range_km)
    try:
        exact = plan_mission(FlightRules(aircraft, allowed, airspace_rule=airspace_rule), mission)
    except NoPlanError:
        with pytest.raises(NoPlanError):
            plan_mission_at_scale(
                FlightRules(aircraft, FieldSet.from_sites(allowed), airspace_rule=airspace_rule),
                mission,
            )
        return
    pruned = plan_mission_at_scale(
        FlightRules(aircraft, FieldSet.from_sites(allowed), airspace_rule=airspace_rule), mission
    )
    assert len(pruned.refuel_stops) == len(exact.refuel_stops)
    assert math.isclose(pruned.total_km, exact.total_km, rel_tol=1e-9, abs_tol=1e-6)


def test_a_users_site_stands_for_the_airport_of_its_id_where_it_lies() -> None:
    """A user's site with a database airport's id, placed elsewhere, is where plans land and
    measure from: not the database's coordinates under the user's name."""
    airports = all_airports(["JP"])
    moved = make_site("RJTT", (35.0, 150.0))  # Haneda's id, 1,000 km out in the Pacific
    merged, [index] = airports.with_sites([moved])
    assert merged.site(index) is moved
    assert (merged.lat[index], merged.lon[index]) == (35.0, 150.0)
    assert merged.distances_to(35.0, 150.0)[index] == 0.0
    # The set it came from is unchanged.
    original = airports.ids.index("RJTT")
    assert abs(airports.lat[original] - 35.55) < 0.1
