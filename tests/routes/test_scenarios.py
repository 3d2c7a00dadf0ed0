"""Scenarios: the bundled ones keep out of foreign airspace and give their key results (their
files, and users' files, read: tests/formats/test_scenario_file.py)."""

from __future__ import annotations

import pytest

import airspace
from formats.scenario.file import load_scenario, scenario_names
from rangemap.scenarios import short_text
from routes.scenario.flights import run_scenario
from routes.scenario.tasks import run_strike


def results_of(
    name: str, *, straight: bool = False
) -> dict[tuple[str, tuple[str, ...]], list[str] | None]:
    """(aircraft, refuel policy) -> the refuelling stops' ids, or None when there is no plan; with
    `straight`, the answer along straight geodesics (no airspace rule)."""
    outcome: dict[tuple[str, tuple[str, ...]], list[str] | None] = {}
    for result in run_scenario(load_scenario(name)):
        key = (result.flight.rules.aircraft.id, result.flight.refuel_at)
        shown = result.straight if straight and result.straight is not None else result
        outcome[key] = None if shown.plan is None else [site.id for site in shown.plan.refuel_stops]
    return outcome


@pytest.mark.parametrize("name", scenario_names())
def test_every_scenario_keeps_out_of_foreign_airspace(name: str) -> None:
    """Every leg of every plan stays out of the sovereign airspace of states its flight may not
    enter (measured by the crossings of the leg's track, against the shipped outlines)."""
    for result in run_scenario(load_scenario(name)):
        if result.plan is None:
            continue
        allowed = result.flight.rules.overfly.states
        assert allowed is not None, name  # every bundled flight keeps to a set of states
        for leg in result.plan.legs:
            entered = {state for state, km in leg.crossings.km_by_airspace.items() if km > 0.0} - {
                "international"
            }
            assert entered <= allowed, (name, leg.start.id, leg.end.id, entered)


def test_japan_patrol_needs_one_russian_far_east_field_for_the_h6k() -> None:
    # Round Japan through the straits' corridors it lands on Sakhalin; along straight lines,
    # which cross Japan, it would have landed at Vladivostok.
    assert results_of("japan-patrol")[("h-6k", ("ru-far-east",))] == ["UHSS"]
    assert results_of("japan-patrol", straight=True)[("h-6k", ("ru-far-east",))] == ["UHWW"]
    assert results_of("japan-patrol")[("tu-95ms", ())] == []


def test_guam_is_beyond_the_h6k_and_within_the_tu95() -> None:
    outcome = results_of("towards-guam")
    assert outcome[("h-6k", ("ru-far-east", "cn-bomber-base"))] is None
    assert outcome[("tu-95ms", ("ru-far-east",))] == []


def test_the_h6k_towards_guam_says_how_short_it_falls_and_how_far_it_gets() -> None:
    """906 km short on the stretch from Iturup out to the point off Guam and back; drawn as far
    as Iturup, 3,387 km from Neixiang."""
    [h6k] = [r for r in run_scenario(load_scenario("towards-guam")) if r.plan is None]
    assert h6k.short_km is not None and round(h6k.short_km) == 906
    assert h6k.reached is not None and h6k.reached.mission.landing_site.id == "UHSB"
    assert round(h6k.reached.total_km) == 3387
    assert short_text(h6k) == "no plan (906 km short)"


def test_hawaii_takes_the_tu95_two_landings_at_petropavlovsk() -> None:
    outcome = results_of("towards-hawaii")
    assert outcome[("tu-95ms", ("ru-far-east",))] == ["UHPP", "UHPP"]
    assert outcome[("h-6k", ("ru-far-east",))] is None


def test_the_2024_alaska_patrol_needs_russian_fields_for_the_h6k() -> None:
    outcome = results_of("arctic-alaska")
    assert outcome[("h-6k", ())] is None
    stops = outcome[("h-6k", ("ru-far-east",))]
    assert stops is not None and len(stops) == 2


def test_japan_from_russian_airspace() -> None:
    """Yokota is within a Kh-101's range of Ukrainka itself; a Kh-55 at Kadena must fly to the
    Amur, and launches over Russia, not over the Chinese bank."""
    scenario = load_scenario("strike-japan")
    by_weapon = {
        outcome.task.weapon.id: outcome.strike
        for outcome in (run_strike(task) for task in scenario.strikes)
    }
    assert all(strike is not None for strike in by_weapon.values())
    tokyo, kadena = by_weapon["kh-101"], by_weapon["kh-55"]
    assert tokyo is not None and tokyo.plan is None and tokyo.launch.id == "UHBU"
    assert kadena is not None and kadena.plan is not None
    assert airspace.state_at(lat=kadena.launch.lat, lon=kadena.launch.lon) == "RU"
    assert kadena.missile_km <= 2500.0
