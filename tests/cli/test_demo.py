"""`rangemap demo` and `rangemap scenario`: every scenario drawn and summed up in an index."""

from __future__ import annotations

from pathlib import Path

import geopandas

from formats.scenario.file import scenario_names
from tests.basemaps.browser import ARTIFACTS, launch
from tests.cli.conftest import Run


def test_demo_renders_every_scenario_with_an_index(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process("demo", "--out", "results")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "results"
    written = sorted(path.name for path in out.iterdir())
    expected = [
        f"{name}{suffix}" for name in scenario_names() for suffix in (".geojson", ".html", ".png")
    ]
    assert written == sorted([*expected, "index.html"])
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in scenario_names():
        assert f'href="{name}.html"' in index
    assert "1 stop: UHSS (Yuzhno-Sakhalinsk)" in index  # round Japan, keeping out of its airspace
    assert "1 stop: UHWW (Vladivostok Knevichi)" in index  # the same along straight lines
    # The stand-off cases: where a launch point lies, and the reach bands with what opens them.
    assert "launch at 46.3" in index  # Hawaii: a Tu-95MS over the Pacific south of the Kurils
    assert "no point from international airspace under Sukhoi Su-35S cover" in index
    assert "1 landing: via" in index and "million km\u00b2" in index
    strikes = geopandas.read_file(out / "strike-guam.geojson")
    assert {"launch-zone", "missile", "leg", "site"} <= set(strikes["kind"])
    frame = geopandas.read_file(out / "japan-patrol.geojson")
    assert set(frame["kind"]) == {"ring", "leg", "site", "zone-crossing"}
    # Demo maps are self-contained: they open with no network.
    assert "cdn.jsdelivr.net" not in (out / "japan-patrol.html").read_text(encoding="utf-8")
    # Issue 23: the index was a 5,600-pixel table with no pictures; now a card per scenario,
    # its figure as a thumbnail and its answer in one line.
    for name in scenario_names():
        assert f'<a href="{name}.html"><img src="{name}.png" loading="lazy"' in index
    assert (
        "Xian H-6K from Nanyang-Neixiang: 1 stop: UHSS; Tupolev Tu-95MS from Ukrainka "
        "(Seryshevo): no stop, 2,526 km to spare"
    ) in index
    check_index_in_browser(out / "index.html")


def check_index_in_browser(index: Path) -> None:
    """At a desktop and a phone size: every picture shown, a page of a few screens, no
    sideways scrolling, no error."""
    pictures_shown = "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
    for browser in launch():
        for width, height in ((1200, 800), (390, 844)):
            page, report = browser.open(
                index, viewport=(width, height), ready="() => document.images.length > 0"
            )
            # The pictures load as they come into sight.
            page.evaluate(
                """async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) {
                    window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); } }"""
            )
            page.wait_for_function(pictures_shown)
            page.evaluate("() => window.scrollTo(0, 0)")
            size = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            assert size[0] <= width and size[1] <= (3_000 if width > 800 else 6_000), size
            assert (
                len(report.answered)
                == page.evaluate("() => document.images.length")
                == len(scenario_names())
            )
            assert report.refused == [] and report.errors == []
            page.screenshot(path=str(ARTIFACTS / f"index-{width}x{height}.png"), full_page=True)
            page.close()


def test_scenario_command_prints_results_and_writes_files(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process(
        "scenario", "towards-guam", "-o", "guam.geojson", "-o", "guam.html"
    )
    assert result.returncode == 0, result.stderr
    assert "Tupolev Tu-95MS from Ukrainka (Seryshevo), Amur: no refuelling stop" in result.stdout
    assert "Xian H-6K from Nanyang-Neixiang, Henan: no plan: Xian H-6K cannot fly" in result.stdout
    assert (tmp_path / "guam.geojson").exists() and (tmp_path / "guam.html").exists()


def test_strike_rows_say_which_variant_each_is(rangemap_in_process: Run) -> None:
    """Issue 23: strike-guam printed near-identical rows for the H-6K without Russian fields, with
    them and under J-16 cover."""
    result = rangemap_in_process("scenario", "strike-guam")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if " at Andersen AFB, Guam [" in line]
    h6k = "Xian H-6K from Nanyang-Neixiang, Henan at Andersen AFB, Guam [CJ-20 (KD-20), "
    assert [row.split("]: ")[0] + "]" for row in rows] == [
        "Tupolev Tu-95MS from Ukrainka (Seryshevo), Amur at Andersen AFB, Guam "
        "[Kh-101, international airspace]",
        h6k + "international airspace]",
        h6k + "international airspace, may land at ru-far-east]",
        h6k + "international airspace, under Shenyang J-16 cover]",
    ]
    assert all("]: launch at " in row for row in rows)


def test_scenario_list_and_unknown_name(rangemap_in_process: Run) -> None:
    listing = rangemap_in_process("scenario", "--list")
    assert listing.returncode == 0 and "japan-patrol" in listing.stdout
    unknown = rangemap_in_process("scenario", "moon-landing")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith(
        "rangemap: error: unknown scenario 'moon-landing'; the bundled ones are"
    )
