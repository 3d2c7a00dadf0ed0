"""`rangemap aircraft` and `rangemap sites`: tables for people, JSON for programs."""

from __future__ import annotations

import json

from tests.cli.conftest import Run


def test_aircraft_table_and_json(rangemap_in_process: Run) -> None:
    table = rangemap_in_process("aircraft")
    assert table.returncode == 0
    assert "tu-95ms" in table.stdout and "10,300" in table.stdout
    records = json.loads(rangemap_in_process("aircraft", "--json").stdout)
    assert {r["id"]: r["range_km"] for r in records} == {
        "tu-95ms": 10300.0,
        "h-6k": 6000.0,
        "su-35s": 1600.0,
        "j-16": 4000.0,
        "a-50": 6400.0,
    }


def test_sites_by_tag_through_python_m(rangemap_script: Run) -> None:
    result = rangemap_script("sites", "--tag", "cn-bomber-base", "--json", module=True)
    assert result.returncode == 0
    assert [r["id"] for r in json.loads(result.stdout)] == ["neixiang", "luan", "guiping"]


def test_unknown_tag_is_an_error(rangemap_in_process: Run) -> None:
    result = rangemap_in_process("sites", "--tag", "nowhere")
    assert result.returncode == 2
    assert result.stderr == "rangemap: error: no site has tag 'nowhere'\n"
