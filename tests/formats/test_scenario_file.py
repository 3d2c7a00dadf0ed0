"""Scenario files: all bundled ones load with their sources, a user's file runs, and bad files
are named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.scenario.file import ScenarioError, load_scenario, scenario_names
from routes.scenario.flights import run_scenario


def test_all_bundled_scenarios_load_with_sources() -> None:
    names = scenario_names()
    assert len(names) >= 8
    for name in names:
        scenario = load_scenario(name)
        assert scenario.title and scenario.description and scenario.source
        assert all(flight.mission.waypoints for flight in scenario.flights)


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
            "mine.toml, strike 1: launch_from 'neutral' is not",
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
