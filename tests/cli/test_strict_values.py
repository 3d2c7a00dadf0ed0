"""One rule for every value (issue 25.6): coordinates checked alike wherever they come from (the
command line, sites CSV and GeoJSON, scenario TOML, tracks), empty option values refused, and one
strict number parser. Each failure is one line, exit 2, and no file written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.commands import H6K_FROM_NEIXIANG, PLAN_H6K
from tests.cli.conftest import Run

SCENARIO = """title = "T"
description = "D"
source = "S"
[[flights]]
aircraft = "h-6k"
origin = "neixiang"
waypoints = [{{ id = "p", name = "P", lat = 35, lon = {lon} }}]
"""


def refused(rangemap: Run, tmp_path: Path, args: list[str], message: str) -> None:
    output = tmp_path / "out.geojson"
    result = rangemap(*args, "-o", str(output))
    assert result.returncode == 2, result.stderr
    error = result.stderr
    assert error.count("\n") == 1 and "Traceback" not in error, error
    assert message in error, error
    assert not output.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("s.csv", "id,name,lat,lon\nx,X,35,540\n", "longitude 540 is outside [-180, 180] in row 2"),
        ("s.csv", "id,name,lat,lon\nx,X,35,1400\n", "longitude 1400 is outside [-180, 180]"),
        (
            "s.geojson",
            '{"type": "Feature", "properties": {"id": "x", "name": "X"}, '
            '"geometry": {"type": "Point", "coordinates": [1209.5, 35]}}',
            "longitude 1209.5 is outside [-180, 180] in feature 1 of s.geojson",
        ),
    ],
)
def test_longitudes_past_180_in_sites_files_are_refused_not_wrapped(
    rangemap_in_process: Run, tmp_path: Path, name: str, data: str, message: str
) -> None:
    (tmp_path / name).write_text(data, encoding="utf-8")
    args = ["ring", "--aircraft", "h-6k", "--at", "x", "--sites", str(tmp_path / name)]
    refused(rangemap_in_process, tmp_path, args, message)


@pytest.mark.parametrize("lon", ["540", "1209.5", "-181"])
def test_longitudes_past_180_in_scenario_files_are_refused_not_wrapped(
    rangemap_in_process: Run, tmp_path: Path, lon: str
) -> None:
    (tmp_path / "s.toml").write_text(SCENARIO.format(lon=lon), encoding="utf-8")
    message = f"s.toml, flight 1, waypoint 1: longitude {lon} is outside [-180, 180]"
    refused(rangemap_in_process, tmp_path, ["scenario", str(tmp_path / "s.toml")], message)


def test_the_command_line_and_a_track_file_refuse_the_same_longitude(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    refused(
        rangemap_in_process,
        tmp_path,
        ["ring", "--aircraft", "h-6k", "--at", "35,540"],
        "longitude 540 is outside [-180, 180]",
    )
    (tmp_path / "t.csv").write_text("lat,lon\n35,130\n35,540\n", encoding="utf-8")
    refused(
        rangemap_in_process,
        tmp_path,
        ["track", str(tmp_path / "t.csv"), "--range-km", "3000"],
        "longitude 540 is outside [-180, 180] in row 3",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sites", "--tag", ""], "argument --tag: '' is empty"),
        (["sites", "--tag", "  "], "argument --tag: '  ' is empty"),
        (
            [*PLAN_H6K, "--via", "40,135", "--overfly", ""],
            "argument --overfly: '' is empty",
        ),
        (
            [*PLAN_H6K, "--via", "40,135", "--overfly", ","],
            "argument --overfly: ',' holds an empty code",
        ),
        (
            [*PLAN_H6K, "--overfly", "RU,,KP"],
            "argument --overfly: 'RU,,KP' holds an empty code",
        ),
        (["ring", "--aircraft", "", "--at", "neixiang"], "argument --aircraft: '' is empty"),
        (
            ["ring", "--aircraft", "h-6k", "--range-source", "", "--at", "neixiang"],
            "argument --range-source: '' is empty",
        ),
        # Regression (issue 25.6): --landings took what int() takes, unlike every other number.
        (
            ["reach", *H6K_FROM_NEIXIANG, "--landings", "1_0"],
            "argument --landings: '1_0' is not a whole number",
        ),
        (
            ["reach", *H6K_FROM_NEIXIANG, "--landings", "\u0661"],
            "argument --landings: '\u0661' is not a whole number",
        ),
        (["ring", "--range-km", "1_000", "--at", "neixiang"], "'1_000' is not a number"),
        (["ring", "--range-km", "\u0661\u0662", "--at", "neixiang"], "is not a number"),
    ],
)
def test_empty_values_and_loose_numbers_are_refused(
    rangemap_in_process: Run, args: list[str], message: str
) -> None:
    result = rangemap_in_process(*args)  # argparse's usage errors: exit 2 from the parser
    assert result.returncode == 2
    error = result.stderr
    assert error.count("\n") == 1 and message in error, error
