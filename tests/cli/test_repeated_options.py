"""Repeated options: honoured where they can be (ring's aircraft groups), refused where not.

Regression (issue 21): `ring --aircraft h-6k --at neixiang --aircraft tu-95ms --at UHBU` drew two
Tu-95MS rings, as argparse keeps the last value of an option given twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.commands import H6K_FROM_NEIXIANG, PLAN_H6K
from tests.cli.conftest import Run


def test_ring_draws_each_aircraft_from_its_own_bases(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process(
        *("ring", "--aircraft", "h-6k", "--at", "neixiang"),
        *("--aircraft", "tu-95ms", "--at", "UHBU", "--at", "UHMA"),
        *("--mode", "reach", "-o", "rings.geojson"),
    )
    assert result.returncode == 0, result.stderr
    rings = [
        feature["properties"]
        for feature in json.loads((tmp_path / "rings.geojson").read_text())["features"]
        if feature["properties"]["kind"] == "ring"
    ]
    drawn = sorted((ring["aircraft"], ring["site"], ring["radius_km"]) for ring in rings)
    assert drawn == [
        ("h-6k", "neixiang", 6000.0),
        ("tu-95ms", "UHBU", 10300.0),
        ("tu-95ms", "UHMA", 10300.0),
    ]
    assert "aircraft" in result.stdout.splitlines()[2]  # the table says whose ring each row is


def test_two_ad_hoc_aircraft_keep_their_own_rings(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        *("ring", "--range-km", "2500", "--at", "RJAA", "--range-km", "3000", "--at", "UHBU"),
        *("--mode", "reach", "-o", "rings.geojson"),
    )
    assert result.returncode == 0, result.stderr
    features = json.loads((tmp_path / "rings.geojson").read_text())["features"]
    rings = {
        f["properties"]["aircraft"]: f["properties"]["radius_km"]
        for f in features
        if f["properties"]["kind"] == "ring"
    }
    assert sorted(rings.values()) == [2500.0, 3000.0] and len(rings) == 2


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (
            ("ring", "--at", "neixiang", "--aircraft", "h-6k", "--aircraft", "tu-95ms"),
            "--at neixiang comes before any --aircraft",
        ),
        (("ring", "--aircraft", "h-6k", "--aircraft", "tu-95ms", "--at", "UHBU"), "has no base"),
        (
            (
                "ring",
                "--aircraft",
                "tu-95ms",
                "--range-source",
                "a",
                "--range-source",
                "b",
                "--at",
                "UHBU",
            ),
            "--range-source is given twice for one aircraft",
        ),
        (
            (
                "plan",
                "--aircraft",
                "h-6k",
                "--aircraft",
                "tu-95ms",
                "--from",
                "neixiang",
                "--via",
                "40,135",
            ),
            "--aircraft is given more than once",
        ),
        (
            (*PLAN_H6K, "--from", "UHBU", "--via", "40,135"),
            "--from is given more than once",
        ),
        (
            ("reach", *H6K_FROM_NEIXIANG, "--landings", "1", "--landings", "2"),
            "--landings is given more than once",
        ),
        (
            (
                "ring",
                "--aircraft",
                "h-6k",
                "--at",
                "neixiang",
                "--reserve",
                "0.1",
                "--reserve",
                "0.2",
            ),
            "--reserve is given more than once",
        ),
    ],
)
def test_a_repeated_option_that_cannot_be_honoured_is_refused(
    rangemap_in_process: Run, tmp_path: Path, arguments: tuple[str, ...], says: str
) -> None:
    result = rangemap_in_process(*arguments, "-o", "out.geojson")
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr
    assert not (tmp_path / "out.geojson").exists()
