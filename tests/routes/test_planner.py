"""The planner against a brute-force search: fewest refuelling landings, then shortest distance."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from routes import (
    Aircraft,
    FlightRules,
    NoPlanError,
    RoutesError,
    Site,
    bundled_sites,
    find_aircraft,
)
from routes.airspace_rule import AirspaceRule, overfly_for
from routes.planning.planner import Mission, plan_mission, range_band
from routes.planning.policy import refuel_fields
from routes.planning.reached import FallsShortError
from tests.geo.reference import distance_m
from tests.routes.drawn import PACIFIC, SEA, make_site, rule_at_sea


@functools.cache
def km(a: Site, b: Site) -> float:
    return distance_m(a.lat, a.lon, b.lat, b.lon) / 1000.0


def brute_force(
    usable: float,
    origin: Site,
    waypoints: list[Site],
    final: Site,
    fields: list[Site],
    *,
    km: Callable[[Site, Site], float] = km,
) -> tuple[int, float] | None:
    """Every sequence of landings, tried one by one: (stops, total km) of the best, or None.

    Refuelling landings are made at the fields only; the final site ends the mission."""
    landings = {site.id: site for site in [*fields, final]}
    refuelling = {site.id for site in fields}
    n = len(waypoints)
    best: tuple[int, float] | None = None

    def extend(
        at: Site, next_waypoint: int, stops: int, total: float, seen: set[tuple[str, int]]
    ) -> None:
        nonlocal best
        for j in range(next_waypoint, n + 1):
            over = [at, *waypoints[next_waypoint:j]]
            for field in landings.values():
                if j == next_waypoint and field.id == at.id:
                    continue
                stretch = [*over, field]
                length = sum(km(a, b) for a, b in itertools.pairwise(stretch))
                if length > usable:
                    continue
                if j == n and field.id == final.id:
                    candidate = (stops, total + length)
                    if best is None or candidate < best:
                        best = candidate
                elif field.id in refuelling and (field.id, j) not in seen:
                    extend(field, j, stops + 1, total + length, seen | {(field.id, j)})

    extend(origin, 0, 0, 0.0, {(origin.id, 0)})
    return best


# Regression: a hop into the goal adds no landing, so the goal must stay open while its landing
# level is relaxed (the sweep once settled it too early and kept a longer plan).
@example(
    origin=(0.0, 0.0),
    waypoints=[(5.0, 0.0)],
    final=(0.0, 1.0),
    fields=[(2.0, 1.0)],
    range_km=1000.0,
)
@given(
    origin=PACIFIC,
    waypoints=st.lists(PACIFIC, max_size=2),
    final=st.one_of(st.none(), PACIFIC),
    fields=st.lists(PACIFIC, max_size=3),
    range_km=st.floats(1500.0, 9000.0),
)
def test_planner_matches_brute_force(
    origin: tuple[float, float],
    waypoints: list[tuple[float, float]],
    final: tuple[float, float] | None,
    fields: list[tuple[float, float]],
    range_km: float,
) -> None:
    start = make_site("origin", origin)
    overflown = [make_site(f"w{i}", p) for i, p in enumerate(waypoints)]
    land = make_site("final", final) if final else start
    allowed = [make_site(f"f{i}", p) for i, p in enumerate(fields)]
    aircraft = Aircraft(id="test", name="test", range_km=range_km)
    expected = brute_force(range_km, start, overflown, land, allowed)
    mission = Mission(origin=start, waypoints=tuple(overflown), final=land if final else None)
    if {(s.lat, s.lon) for s in [*overflown, land]} <= {(start.lat, start.lon)}:
        with pytest.raises(RoutesError, match="goes nowhere"):
            plan_mission(FlightRules(aircraft, allowed), mission)
        return
    try:
        plan = plan_mission(FlightRules(aircraft, allowed), mission)
    except NoPlanError:
        assert expected is None
        return
    assert expected is not None
    stops, total = expected
    assert len(plan.refuel_stops) == stops
    assert math.isclose(plan.total_km, total, rel_tol=1e-9, abs_tol=1e-6)
    # Every stretch between landings fits the usable range, and the legs add up.
    for stretch in plan.stretches:
        assert stretch.distance_km <= plan.usable_range_km + 1e-6
    assert math.isclose(plan.legs[-1].cumulative_km, plan.total_km, rel_tol=1e-9)
    assert [leg.end for leg in plan.legs if leg.ends_with_refuel] == plan.refuel_stops
    assert all(leg.distance_km > 0 for leg in plan.legs)


def test_h6k_patrol_round_japan_lands_at_a_russian_far_east_field() -> None:
    sites = bundled_sites()
    mission = Mission(
        origin=sites["neixiang"],
        waypoints=(
            sites.resolve("34.0,129.5"),
            sites.resolve("45.7,142.0"),
            sites.resolve("25.3,126.0"),
        ),
    )
    fields = refuel_fields(sites, ["ru-far-east"])
    plan = plan_mission(FlightRules(find_aircraft("h-6k"), fields), mission)
    assert len(plan.refuel_stops) == 1
    assert "ru-far-east" in plan.refuel_stops[0].tags
    assert [site.id for site in mission.waypoints] == ["34N129.5E", "45.7N142E", "25.3N126E"]
    # The loop without a landing is beyond the H-6K's 6,000 km...
    loop = [mission.origin, *mission.waypoints, mission.origin]
    assert sum(km(a, b) for a, b in itertools.pairwise(loop)) > 6000
    # ...and landing back at home halfway round, where that is allowed, is a longer way to do it.
    home_only = plan_mission(FlightRules(find_aircraft("h-6k"), [sites["neixiang"]]), mission)
    assert {site.id for site in home_only.refuel_stops} == {"neixiang"}
    assert home_only.total_km > plan.total_km


def test_no_refuelling_field_means_no_landing_not_even_at_home() -> None:
    """Regression: with no refuelling field a plan landed at its origin halfway (issue 13)."""
    sites = bundled_sites()
    mission = Mission(
        origin=sites["neixiang"], waypoints=(sites.resolve("40,135"), sites.resolve("14,114"))
    )
    with pytest.raises(NoPlanError, match=r"cannot fly neixiang -> 40N135E -> 14N114E -> neixiang"):
        plan_mission(FlightRules(find_aircraft("h-6k"), []), mission)


def test_five_thousand_waypoints_plan_along_a_chain() -> None:
    """Regression: the pure-Python search took 11 minutes for 5,000 waypoints (issue 9)."""
    sites = bundled_sites()
    track = tuple(
        Site(id=f"w{k}", name=f"w{k}", lat=40.0 + 10.0 * math.sin(k / 300.0), lon=120.0 + k / 100.0)
        for k in range(5000)
    )
    mission = Mission(origin=sites["neixiang"], waypoints=track, final=sites["UHPP"])
    fields = refuel_fields(sites, ["ru-far-east,cn-bomber-base"])
    plan = plan_mission(FlightRules(find_aircraft("tu-95ms"), fields), mission)
    assert plan.refuel_stops and all(s.distance_km <= 10_300 + 1e-6 for s in plan.stretches)
    overflown = [site for stretch in plan.stretches for site in stretch.sites[1:-1]]
    assert overflown == list(track)


def test_no_plan_names_the_stretch_and_what_would_fix_it() -> None:
    sites = bundled_sites()
    mission = Mission(origin=sites["neixiang"], waypoints=(sites["PHNL"],))
    fields = refuel_fields(sites, ["ru-far-east"])
    with pytest.raises(NoPlanError) as caught:
        plan_mission(FlightRules(find_aircraft("h-6k"), fields), mission)
    message = str(caught.value)
    assert "cannot fly UHPP -> PHNL -> UHPP: 10,223 km" in message
    assert "4,223 km more than its usable range of 6,000 km" in message
    assert "range of at least 10,223 km" in message
    # With that range the plan exists.
    bigger = Aircraft(id="bigger", name="bigger", range_km=10_224)
    plan = plan_mission(FlightRules(bigger, fields), mission)
    assert plan.min_margin_km >= 0


def test_reserve_shrinks_the_usable_range() -> None:
    sites = bundled_sites()
    mission = Mission(origin=sites["neixiang"], waypoints=(sites["RJSM"],))
    h6k = find_aircraft("h-6k")
    assert plan_mission(FlightRules(h6k), mission).refuel_stops == []
    with pytest.raises(NoPlanError, match="usable range of 4,800 km"):
        plan_mission(FlightRules(h6k, reserve=0.2), mission)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    origin=SEA,
    waypoints=st.lists(SEA, min_size=1, max_size=2),
    fields=st.lists(SEA, max_size=3),
    range_km=st.floats(1500.0, 5000.0),
)
def test_planner_with_airspace_matches_brute_force_on_track_lengths(
    origin: tuple[float, float],
    waypoints: list[tuple[float, float]],
    fields: list[tuple[float, float]],
    range_km: float,
) -> None:
    """Keeping out of Japanese and Korean airspace, the plan is the best over every sequence of
    landings with each stretch measured along its tracks (not the straight lines the sweep starts
    from)."""
    airspace_rule = rule_at_sea(origin, waypoints, fields)
    start = make_site("origin", origin)
    overflown = [make_site(f"w{i}", p) for i, p in enumerate(waypoints)]
    allowed = [make_site(f"f{i}", p) for i, p in enumerate(fields)]
    aircraft = Aircraft(id="test", name="test", range_km=range_km)
    expected = brute_force(range_km, start, overflown, start, allowed, km=airspace_rule.distance_km)
    mission = Mission(origin=start, waypoints=tuple(overflown))
    try:
        plan = plan_mission(FlightRules(aircraft, allowed, airspace_rule=airspace_rule), mission)
    except NoPlanError:
        assert expected is None
        return
    assert expected is not None
    stops, total = expected
    assert len(plan.refuel_stops) == stops
    assert math.isclose(plan.total_km, total, rel_tol=1e-9, abs_tol=1e-6)
    assert all(leg.distance_km >= leg.straight_km - 1e-9 for leg in plan.legs)


def test_a_landing_between_two_far_apart_waypoints_flies_them_under_an_airspace_rule() -> None:
    """22N 108E then 60N 170E are 7,000 km apart, beyond the H-6K's 6,000: no stretch holds both,
    but a landing between them does. Under an airspace rule the planner once refused the
    mission, as if waypoints were overflown in one stretch; it plans as it does without one."""
    sites = bundled_sites()
    h6k = find_aircraft("h-6k")
    far_apart = (sites.resolve("22,108"), sites.resolve("60,170"))
    mission = Mission(origin=sites["neixiang"], waypoints=far_apart)
    fields = refuel_fields(sites, ["ru-far-east,cn-bomber-base"])
    assert km(*far_apart) > h6k.range_km
    rule = AirspaceRule(overfly_for(h6k, landing_countries=["CN", "RU"]))
    kept_out = plan_mission(FlightRules(h6k, fields, airspace_rule=rule), mission)
    straight = plan_mission(FlightRules(h6k, fields), mission)
    assert len(kept_out.refuel_stops) == len(straight.refuel_stops) == 2
    assert all(s.distance_km <= h6k.range_km + 1e-6 for s in kept_out.stretches)
    # The landing comes between the two waypoints: no stretch overflies both.
    assert not any(set(far_apart) <= set(s.sites) for s in kept_out.stretches)
    assert kept_out.total_km >= straight.total_km - 1e-6
    band = range_band(FlightRules(h6k, fields, airspace_rule=rule), mission)
    assert band is not None and band.landings == 2
    assert band.low_km <= h6k.range_km <= (band.high_km or math.inf)


def test_a_flight_with_no_plan_is_known_as_far_as_it_gets() -> None:
    """The H-6K from Neixiang towards Guam with Russian Far East fields: no plan, but it reaches
    Iturup (UHSB), the allowed field nearest Guam it can fly to, on stretches within its range."""
    sites = bundled_sites()
    h6k = find_aircraft("h-6k")
    fields = refuel_fields(sites, ["ru-far-east"])
    mission = Mission(origin=sites["neixiang"], waypoints=(sites["PGUA"],))
    with pytest.raises(FallsShortError) as caught:
        plan_mission(FlightRules(h6k, fields), mission)
    reached = caught.value.reached
    assert reached is not None
    assert reached.mission.landing_site.id == "UHSB"
    assert reached.legs[0].start.id == "neixiang" and reached.legs[-1].end.id == "UHSB"
    assert all(s.distance_km <= h6k.range_km + 1e-6 for s in reached.stretches)
    # Of the fields it reaches, none lies nearer Guam.
    guam = sites["PGUA"]
    nearest = km(reached.mission.landing_site, guam)
    flyable = [f for f in fields if km(sites["neixiang"], f) <= h6k.range_km]
    assert all(km(f, guam) >= nearest - 1e-6 for f in flyable)


def test_a_flight_that_cannot_land_anywhere_gets_nowhere() -> None:
    sites = bundled_sites()
    mission = Mission(origin=sites["neixiang"], waypoints=(sites["PGUA"],))
    with pytest.raises(FallsShortError) as caught:
        plan_mission(FlightRules(find_aircraft("h-6k")), mission)
    assert caught.value.reached is None
