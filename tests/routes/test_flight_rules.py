"""FlightRules: the one bundle every question is asked under, checked when it is made."""

from __future__ import annotations

import math

import pytest

import routes
from routes import FlightRules, RoutesError, bundled_sites, find_aircraft

SITES = bundled_sites()
H6K = find_aircraft("h-6k")


@pytest.mark.parametrize("reserve", [-0.1, math.nan, math.inf, 0.95, True, "0.1"])
def test_a_bad_reserve_is_refused_when_the_rules_are_made(reserve: object) -> None:
    with pytest.raises(RoutesError, match=r"^reserve .* must be a fraction from 0 to"):
        FlightRules(H6K, reserve=reserve)  # type: ignore[arg-type]


def test_what_is_not_an_aircraft_a_site_or_an_airspace_rule_is_named() -> None:
    with pytest.raises(RoutesError, match="aircraft 'h-6k' is not an Aircraft"):
        FlightRules("h-6k")  # type: ignore[arg-type]
    with pytest.raises(RoutesError, match="refuel_at holds 'UHMA', not a Site"):
        FlightRules(H6K, ["UHMA"])  # type: ignore[list-item]
    with pytest.raises(RoutesError, match="airspace_rule None is not an AirspaceRule"):
        FlightRules(H6K, airspace_rule=None)  # type: ignore[arg-type]


def test_the_usable_range_is_the_range_less_the_reserve() -> None:
    assert FlightRules(H6K).usable_km == H6K.range_km
    assert FlightRules(H6K, reserve=0.25).usable_km == pytest.approx(H6K.range_km * 0.75)


def test_questions_that_land_at_named_fields_refuse_every_airport() -> None:
    """Reach and strike take named fields; every airport of the US is too many for them."""
    everywhere = routes.refuel_field_set(SITES, ["any:US"])
    rules = FlightRules(H6K, everywhere)
    assert rules.named_fields() is None
    with pytest.raises(
        RoutesError, match=r"^reach lands only at named fields, not at [\d,]+ airports"
    ):
        routes.reach(rules, SITES["neixiang"], landings=1)


def test_the_same_rules_answer_plan_need_and_band_alike() -> None:
    """One bundle, three questions: need's plan for Elmendorf is plan's, and band describes it."""
    rules = FlightRules(H6K, routes.refuel_fields(SITES, ["ru-far-east"]))
    mission = routes.Mission(SITES["neixiang"], waypoints=(SITES["PAED"],))
    plan = routes.plan(rules, mission)
    [row] = routes.need(rules, [SITES["neixiang"]], [SITES["PAED"]])
    assert row.plan is not None
    assert [s.id for s in row.plan.refuel_stops] == [s.id for s in plan.refuel_stops]
    assert row.plan.total_km == pytest.approx(plan.total_km, abs=1e-9)
    band = routes.band(rules, mission)
    assert band is not None and band.landings == len(plan.refuel_stops)
