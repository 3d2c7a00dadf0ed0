"""Text an output format cannot hold (issue 25): one rule for every writer, a one-line refusal
and no file written; what the rule lets through makes well-formed files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli.conftest import Run


def sites_file(folder: Path, name: str) -> str:
    (folder / "sites.csv").write_text(f"id,name,lat,lon\nzz1,{name},40,140\n", encoding="utf-8")
    return "sites.csv"


def ring(folder: Path, name: str) -> list[str]:
    return ["ring", "--range-km", "2000", "--at", "zz1", "--sites", sites_file(folder, name)]


@pytest.mark.parametrize("suffix", [".svg", ".kml", ".html", ".gpkg", ".geojson"])
def test_a_site_name_no_format_can_hold_is_refused_by_every_writer(
    rangemap_in_process: Run, tmp_path: Path, suffix: str
) -> None:
    """Regression (issue 25): U+FFFE in a site name wrote an SVG that is not well-formed XML,
    with exit 0, while the KML writer refused it."""
    result = rangemap_in_process(
        *ring(tmp_path, "Bad\ufffename"), "-o", f"m{suffix}", "-o", "m.png"
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"cannot write 'm{suffix}': the text 'Bad\\ufffename' holds U+FFFE" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sites.csv"]


def test_a_scenario_title_no_format_can_hold_is_refused(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    (tmp_path / "s.toml").write_text(
        'title = "Patrol \\uFFFF"\ndescription = "d"\nsource = "s"\n[[flights]]\n'
        'aircraft = "h-6k"\norigin = "neixiang"\nwaypoints = ["40,135"]\n',
        encoding="utf-8",
    )
    result = rangemap_in_process("scenario", "s.toml", "-o", "s.svg")
    assert result.returncode == 2 and "holds U+FFFF" in result.stderr, result.stderr
    assert not (tmp_path / "s.svg").exists()


@pytest.mark.slow
def test_odd_text_the_rule_lets_through_makes_a_well_formed_svg(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    name = "Odd \u2028 \ufffd \U0001f600 \u00e9 <&> field"
    result = rangemap_in_process(*ring(tmp_path, f'"{name}"'), "-o", "m.svg")
    assert result.returncode == 0, result.stderr
    ET.parse(tmp_path / "m.svg")  # well-formed XML
