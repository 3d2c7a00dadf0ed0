"""Benchmarks of flown tracks read and checked against an aircraft, for `make bench` (rows, no
asserts).

- a 10,000-point patrol (Neixiang, Korea Strait, Sea of Japan, La Perouse, east of Japan, Okinawa,
  home) read from CSV, GeoJSON and KML, against bare CSV parsing and Geod.inv of its legs (the
  floor of reading and measuring it);
- the same track analysed (read + measure + crossings + landing plan; goal < 2 s), with straight
  diverts and keeping out of airspace (the first search of a run also builds the forbidden
  airspace's corners, once), and its GeoJSON features.
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pyproj import Geod

from formats.flown_features import track_features
from formats.tracks.read import read_track
from routes import FlightRules, bundled_sites, find_aircraft
from routes.airspace_rule import AirspaceRule, overfly_for
from routes.flown.analysis import analyse_track
from routes.planning.policy import refuel_field_set
from tests.routes.tracks import PATROL, WRITERS, points_along

POINTS = 10_000


def best_of(run: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def patrol_files(folder: Path) -> dict[str, Path]:
    """The tests' patrol as 10,000 points 4 s apart, written as CSV, GeoJSON and KML."""
    lat, lon = points_along(PATROL, POINTS)
    return {kind: write(folder / f"patrol.{kind}", lat, lon) for kind, write in WRITERS.items()}


def bench_track() -> list[tuple[str, str]]:
    h6k = find_aircraft("h-6k")
    fields = refuel_field_set(bundled_sites(), ["ru-far-east"])
    straight = AirspaceRule(overfly_for(h6k, landing_countries=[], extra=["any"]))
    with tempfile.TemporaryDirectory() as folder:
        files = patrol_files(Path(folder))

        def floor() -> None:
            with files["csv"].open(encoding="utf-8", newline="") as stream:
                rows = list(csv.reader(stream))[1:]
            lat = np.array([float(row[0]) for row in rows])
            lon = np.array([float(row[1]) for row in rows])
            Geod(ellps="WGS84").inv(lon[:-1], lat[:-1], lon[1:], lat[1:])

        bare = best_of(floor)
        reads = {kind: best_of(lambda path=path: read_track(path)) for kind, path in files.items()}
        track = read_track(files["csv"])
        analyse_track(
            track, FlightRules(h6k, fields, airspace_rule=straight)
        )  # zones loaded once a run
        exact = best_of(
            lambda: analyse_track(
                read_track(files["csv"]), FlightRules(h6k, fields, airspace_rule=straight)
            )
        )
        start = time.perf_counter()
        rule = AirspaceRule(overfly_for(h6k, landing_countries=fields.countries()))
        analysed = analyse_track(
            read_track(files["csv"]), FlightRules(h6k, fields, airspace_rule=rule)
        )
        first = time.perf_counter() - start
        again = best_of(
            lambda: analyse_track(
                read_track(files["csv"]),
                FlightRules(
                    h6k,
                    fields,
                    airspace_rule=AirspaceRule(
                        overfly_for(h6k, landing_countries=fields.countries())
                    ),
                ),
            )
        )
        features = best_of(lambda: track_features(analysed), repeats=1)
    stops = ", ".join(divert.field.id for divert in analysed.diverts or ()) or "none"
    return [
        (f"track: {POINTS:,}-point CSV, bare parse + Geod.inv of its legs", f"{bare * 1e3:.0f} ms"),
        *(
            (f"track: read {kind} and check every point", f"{seconds * 1e3:.0f} ms")
            for kind, seconds in reads.items()
        ),
        ("track: ratio read csv / bare", f"{reads['csv'] / bare:.1f}x"),
        (
            f"track: read + measure + crossings + plan, straight diverts (lands at {stops}; "
            "goal < 2 s)",
            f"{exact * 1e3:.0f} ms",
        ),
        (
            "track: the same keeping out of airspace, first in the run (corners built)",
            f"{first * 1e3:.0f} ms",
        ),
        (
            "track: the same again in the run (corners and the divert track known)",
            f"{again * 1e3:.0f} ms",
        ),
        ("track: its GeoJSON features (legs, crossings, sites)", f"{features * 1e3:.0f} ms"),
    ]


if __name__ == "__main__":
    for name, value in bench_track():
        print(f"{name}: {value}")
