"""Benchmarks of the 5,000-waypoint mission, for `make bench` (rows, no asserts).

The test suite's chain (tests/routes/test_planner.py): a Tu-95MS from Neixiang over 5,000
waypoints to Petropavlovsk (UHPP), landing at Russian Far East fields or Chinese bomber bases, no
airspace rule. In this process, against its legs alone (the geodesic paths any plan of it must
compute): planning it, its robustness band (the re-plans at other ranges), its GeoJSON features,
its HTML map and its PNG figure; then `rangemap plan` with all 5,000 --via writing the map and the
figure, in a fresh process (goal: the README's figures).
"""

from __future__ import annotations

import math
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from routes import FlightRules

WAYPOINTS = 5000
T = TypeVar("T")


def timed(run: Callable[[], T]) -> tuple[T, float]:
    """What `run` gives, and its wall time in seconds."""
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def _chain() -> list[tuple[float, float]]:
    return [(40.0 + 10.0 * math.sin(k / 300.0), 120.0 + k / 100.0) for k in range(WAYPOINTS)]


def bench_chain() -> list[tuple[str, str]]:
    import dataclasses

    from basemaps.content import content_of
    from basemaps.figure.static import LabelsLeftOut, figure_bytes, static_figure
    from basemaps.web.interactive import interactive_map, map_html
    from formats.features import plan_features
    from routes import Site, bundled_sites, find_aircraft
    from routes.legs import legs_through
    from routes.planning.planner import Mission, plan_mission, range_band
    from routes.planning.policy import refuel_fields

    sites = bundled_sites()
    track = tuple(
        Site(id=f"w{k}", name=f"w{k}", lat=lat, lon=lon) for k, (lat, lon) in enumerate(_chain())
    )
    mission = Mission(origin=sites["neixiang"], waypoints=track, final=sites["UHPP"])
    fields = refuel_fields(sites, ["ru-far-east,cn-bomber-base"])
    tu95 = find_aircraft("tu-95ms")

    _, legs = timed(lambda: legs_through([mission.origin, *track, mission.final], cruise_kmh=750))
    plan, planned = timed(lambda: plan_mission(FlightRules(tu95, fields), mission))
    band, banded = timed(lambda: range_band(FlightRules(tu95, fields), mission))
    plan = dataclasses.replace(plan, band=band)
    _, featured = timed(lambda: plan_features(plan))
    content = content_of("5,000 waypoints", plans=[plan])
    page, mapped = timed(lambda: map_html(interactive_map(content)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LabelsLeftOut)  # thousands of labels find no room
        png, drawn = timed(lambda: figure_bytes(static_figure(content), ".png"))
    assert band is not None
    rows = [
        (f"chain: {WAYPOINTS:,} waypoints, its legs alone (baseline)", f"{legs:.2f} s"),
        (f"chain: planned ({len(plan.refuel_stops)} landing)", f"{planned:.2f} s"),
        (f"chain: its band ({band.describe()})", f"{banded:.2f} s"),
        ("chain: its GeoJSON features", f"{featured:.2f} s"),
        (f"chain: its HTML map ({len(page) / 1e6:.1f} MB)", f"{mapped:.2f} s"),
        (f"chain: its PNG figure ({len(png) / 1e3:.0f} kB)", f"{drawn:.2f} s"),
    ]
    for name, seconds in (
        ("plan", planned),
        ("band", banded),
        ("HTML", mapped),
        ("PNG", drawn),
    ):
        rows.append((f"chain: ratio {name} / legs", f"{seconds / legs:.1f}x"))
    vias = [item for lat, lon in _chain() for item in ("--via", f"{lat!r},{lon!r}")]
    command = [
        sys.executable,
        "-m",
        "rangemap",
        "plan",
        "--aircraft",
        "tu-95ms",
        "--from",
        "neixiang",
        *vias,
        "--to",
        "UHPP",
        "--refuel-at",
        "ru-far-east,cn-bomber-base",
        "--overfly",
        "any",
    ]
    with tempfile.TemporaryDirectory() as folder:
        for outputs in ([], ["x.html"], ["x.html", "x.png"]):
            written = [item for name in outputs for item in ("-o", str(Path(folder) / name))]
            start = time.perf_counter()
            subprocess.run([*command, *written], check=True, capture_output=True)
            elapsed = time.perf_counter() - start
            what = " and ".join(Path(name).suffix[1:].upper() for name in outputs) or "no file"
            rows.append((f"chain: `rangemap plan`, fresh process, {what}", f"{elapsed:.1f} s"))
    return rows


if __name__ == "__main__":
    for name, value in bench_chain():
        print(f"{name}: {value}")
