"""Scenario files: all bundled ones valid, their key results, and bad files named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

import airspace
from formats.scenario.file import ScenarioError, load_scenario, scenario_names
from routes.scenario.flights import run_scenario
from routes.scenario.tasks import run_strike


def results_of(
    name: str, *, straight: bool = False
) -> dict[tuple[str, tuple[str, ...]], list[str] | None]:
    """(aircraft, refuel policy) -> the refuelling stops' ids, or None when there is no plan; with
    `straight`, the answer along straight geodesics (no airspace rule)."""
    outcome: dict[tuple[str, tuple[str, ...]], list[str] | None] = {}
    for result in run_scenario(load_scenario(name)):
        key = (result.flight.aircraft.id, result.flight.refuel_at)
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
        allowed = result.flight.overfly.states
        assert allowed is not None, name  # every bundled flight keeps to a set of states
        for leg in result.plan.legs:
            entered = {state for state, km in leg.crossings.km_by_airspace.items() if km > 0.0} - {
                "international"
            }
            assert entered <= allowed, (name, leg.start.id, leg.end.id, entered)


def test_all_bundled_scenarios_load_with_sources() -> None:
    names = scenario_names()
    assert len(names) >= 8
    for name in names:
        scenario = load_scenario(name)
        assert scenario.title and scenario.description and scenario.source
        assert all(flight.mission.waypoints for flight in scenario.flights)


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


def test_hawaii_takes_the_tu95_two_landings_at_petropavlovsk() -> None:
    outcome = results_of("towards-hawaii")
    assert outcome[("tu-95ms", ("ru-far-east",))] == ["UHPP", "UHPP"]
    assert outcome[("h-6k", ("ru-far-east",))] is None


def test_the_2024_alaska_patrol_needs_russian_fields_for_the_h6k() -> None:
    outcome = results_of("arctic-alaska")
    assert outcome[("h-6k", ())] is None
    stops = outcome[("h-6k", ("ru-far-east",))]
    assert stops is not None and len(stops) == 2


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


GOOD_FLIGHT = '[[flights]]\naircraft = "h-6k"\norigin = "neixiang"\nwaypoints = ["40,135"]\n'
GOOD_STRIKE = (
    '[[strikes]]\naircraft = "h-6k"\nweapon = "cj-20"\norigin = "neixiang"\ntarget = "PGUA"\n'
)
HEADER = 'title = "t"\ndescription = "d"\nsource = "s"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title = [", "mine.toml is not valid TOML"),
        ('title = "t"\n', "mine.toml: description must be a non-empty string"),
        (HEADER, "mine.toml: give at least one [[flights]], [[strikes]] or [[reach]] table"),
        (HEADER + "colour = 1\n" + GOOD_FLIGHT, "mine.toml: unknown key 'colour'"),
        (
            HEADER + GOOD_FLIGHT.replace("h-6k", "b-2"),
            "mine.toml, flight 1: unknown aircraft 'b-2'",
        ),
        (
            HEADER + GOOD_FLIGHT.replace("40,135", "Atlantis"),
            "mine.toml, flight 1: unknown site 'Atlantis'",
        ),
        (
            HEADER
            + GOOD_FLIGHT.replace('["40,135"]', '[{ id = "p", name = "P", lat = 95, lon = 1 }]'),
            "mine.toml, flight 1, waypoint 1: latitude 95 is outside [-90, 90]",
        ),
        # Regression (issue 25.6): longitudes past 180 were wrapped (1209.5 became 129.5).
        (
            HEADER
            + GOOD_FLIGHT.replace(
                '["40,135"]', '[{ id = "p", name = "P", lat = 35, lon = 1209.5 }]'
            ),
            "mine.toml, flight 1, waypoint 1: longitude 1209.5 is outside [-180, 180]",
        ),
        (
            HEADER
            + GOOD_FLIGHT.replace('["40,135"]', '[{ id = "p", name = "P", lat = 35, lon = 540 }]'),
            "mine.toml, flight 1, waypoint 1: longitude 540 is outside [-180, 180]",
        ),
        (
            HEADER
            + GOOD_FLIGHT.replace('["40,135"]', '[{ id = "p", name = "P", lat = 35, lon = inf }]'),
            "mine.toml, flight 1, waypoint 1: longitude inf is not a finite number",
        ),
        (
            HEADER
            + GOOD_FLIGHT.replace(
                '["40,135"]', '[{ id = "p", name = "P", lat = "north", lon = 1 }]'
            ),
            "mine.toml, flight 1, waypoint 1: lat and lon must be numbers",
        ),
        (
            HEADER + GOOD_FLIGHT.replace("40,135", "RJSM"),
            "mine.toml, flight 1: waypoint RJSM (40.7032, 141.3680) lies in the sovereign airspace"
            " of JP",
        ),
        (HEADER + GOOD_FLIGHT + 'overfly = ["XX"]\n', "mine.toml, flight 1: overfly: unknown"),
        # Regression (issue 25.6): an empty code was read as if overfly were absent.
        (HEADER + GOOD_FLIGHT + 'overfly = [""]\n', "mine.toml, flight 1: overfly '' holds an"),
        (
            HEADER + GOOD_FLIGHT + 'overfly = ["RU,,KP"]\n',
            "mine.toml, flight 1: overfly 'RU,,KP' holds an empty state code",
        ),
        (
            HEADER + GOOD_FLIGHT + "reserve = 2\n",
            "mine.toml, flight 1: reserve 2.0 must be a fraction",
        ),
        (HEADER + "strikes = 3\n", "mine.toml: strikes must be a list of [[strikes]] tables"),
        (HEADER + GOOD_STRIKE + "colour = 1\n", "mine.toml, strike 1: unknown key 'colour'"),
        (
            HEADER + GOOD_STRIKE.replace("cj-20", "kh-101"),
            "mine.toml, strike 1: the Xian H-6K does not carry the Kh-101",
        ),
        (
            HEADER + GOOD_STRIKE + 'launch_from = "neutral"\n',
            "mine.toml, strike 1: --launch-from 'neutral' is not",
        ),
        (
            HEADER + GOOD_STRIKE + 'escort = "a-50"\n',
            "mine.toml, strike 1: no site hosts the Beriev A-50",
        ),
        (
            HEADER + '[[reach]]\naircraft = "h-6k"\norigin = "neixiang"\nlandings = "two"\n',
            "mine.toml, reach 1: landings 'two' must be a whole number",
        ),
        (
            HEADER + '[[reach]]\naircraft = "h-6k"\norigin = "neixiang"\nlandings = 99999\n',
            "mine.toml, reach 1: landings 99999 must be from 0 to 6",
        ),
        (
            HEADER + GOOD_STRIKE + "launch_from = []\n",
            "mine.toml, strike 1: launch_from is an empty list",
        ),
        (
            HEADER + GOOD_STRIKE + 'refuel_at = ["any"]\n',
            "mine.toml, strike 1: refuel_at 'any': every airport is for plan and need",
        ),
    ],
)
def test_bad_scenario_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write(tmp_path, text))
    assert str(caught.value).startswith(message)


def test_a_users_scenario_file_runs(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, HEADER + GOOD_FLIGHT))
    assert scenario.name == "mine"
    (result,) = run_scenario(scenario)
    assert result.plan is not None and result.plan.refuel_stops == []


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
