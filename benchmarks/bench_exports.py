"""Benchmarks of the KML, KMZ and GeoPackage exports, for `make bench` (rows, no asserts).

- the patrol round Japan planned by `rangemap plan` in a fresh process, alone and writing
  .kml, .kmz and .gpkg (goal: the exports add < 1 s, their imports included);
- the japan-patrol scenario (two aircraft: rings, routes, crossings, sites) in this process:
  planning it, against rendering the three files of it, first (with the exporters' imports)
  and again.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench_tracks import JAPAN_PATROL, fresh


def bench_exports() -> list[tuple[str, str]]:
    from formats.scenario.file import load_scenario
    from rangemap.outputs import render_outputs
    from rangemap.scenarios import run_standoff, scenario_content
    from routes.scenario.flights import run_scenario

    with tempfile.TemporaryDirectory() as folder:
        outputs = [f"{folder}/p.{suffix}" for suffix in ("kml", "kmz", "gpkg")]
        alone = fresh(JAPAN_PATROL)
        exported = fresh([*JAPAN_PATROL, *(item for path in outputs for item in ("-o", path))])
    scenario = load_scenario("japan-patrol")
    start = time.perf_counter()
    results = run_scenario(scenario)
    planned = time.perf_counter() - start
    content, features = scenario_content(scenario, results, run_standoff(scenario))
    paths = [Path(f"japan.{suffix}") for suffix in ("kml", "kmz", "gpkg")]
    start = time.perf_counter()
    files = render_outputs(paths, features, content)
    first = time.perf_counter() - start
    start = time.perf_counter()
    render_outputs(paths, features, content)
    again = time.perf_counter() - start
    sizes = ", ".join(f"{path.suffix} {len(data) / 1e3:.0f} kB" for path, data in files.items())
    return [
        ("exports: patrol round Japan, `rangemap plan` alone, fresh process", f"{alone:.2f} s"),
        ("exports: the same writing .kml, .kmz and .gpkg", f"{exported:.2f} s"),
        ("exports: what they add (goal < 1 s)", f"{exported - alone:.2f} s"),
        (f"exports: japan-patrol scenario, {len(features)} features, planned", f"{planned:.2f} s"),
        ("exports: its .kml, .kmz and .gpkg, first (imports included)", f"{first:.2f} s"),
        (f"exports: the same again ({sizes})", f"{again:.2f} s"),
        ("exports: ratio first export / planning", f"{first / planned:.2f}x"),
    ]


if __name__ == "__main__":
    for name, value in bench_exports():
        print(f"{name}: {value}")
