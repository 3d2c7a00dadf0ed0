"""Benchmarks, run in one process by `make bench`: ratios against a baseline, never assertions.

- ring generation: geo.range_ring for 1,000 rings against the bare pyproj Geod.fwd calls that compute
  the same boundary vertices (the floor for any ring built from forward geodesics). Goal: within 2x.
- planner: the index of every airport in airportsdata (goal: built within 5 s), queries over it
  (goal: each within 1 s), and the pruned planner against the all-pairs one on a North Pacific subset.
- demo: `rangemap demo` end to end in a fresh process, and the largest HTML it writes (goal: 2 MB).
- scale of inputs: a 5,000-waypoint mission over the catalog (goal: seconds) against the geodesic
  legs it must compute anyway, and a 1,000,000-row sites file against bare CSV parsing of it.
- airspace, tracks, reach bands and strikes: see bench_airspace, bench_tracks, bench_standoff;
- KML, KMZ and GeoPackage exports against the plan they export: see bench_exports;
- flown tracks read and checked (goal < 2 s for 10,000 points): see bench_track;
- peak memory of the track and sites readers on large hostile files: see bench_track_memory;
- the 5,000-waypoint mission planned, banded, mapped and drawn, against its legs alone, and
  `rangemap plan` of it in a fresh process: see bench_chain;
- the explorer: a plan round Japan warm over HTTP (goal: under 300 ms) against the command
  line's cold run, and 20 plans at once: see bench_serve.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import shapely
from bench_airspace import bench_airspace
from bench_chain import bench_chain
from bench_exports import bench_exports
from bench_serve import bench_serve
from bench_standoff import bench_standoff
from bench_track import bench_track
from bench_track_memory import bench_track_memory
from bench_tracks import bench_tracks
from pyproj import Geod

import geo
from routes import FlightRules

RINGS = 1000
REPEATS = 3


def best_of(run: Callable[[], object]) -> float:
    """Best wall time of a few runs, in seconds (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def ring_cases() -> list[tuple[float, float, float]]:
    rng = np.random.default_rng(2019)
    lats = rng.uniform(-90.0, 90.0, RINGS)
    lons = rng.uniform(-180.0, 180.0, RINGS)
    radii = rng.uniform(500.0, 12_000.0, RINGS)
    return list(zip(lats.tolist(), lons.tolist(), radii.tolist(), strict=True))


def on_ring_vertex_counts(cases: list[tuple[float, float, float]]) -> list[int]:
    """How many boundary vertices range_ring computes per ring (pole closures and cuts left out)."""
    counts = []
    for lat, lon, radius in cases:
        xy = shapely.get_coordinates(geo.range_ring(lat=lat, lon=lon, radius_km=radius))
        counts.append(
            int(np.count_nonzero((np.abs(xy[:, 1]) != 90.0) & (np.abs(xy[:, 0]) != 180.0)))
        )
    return counts


def bench_rings() -> list[tuple[str, str]]:
    cases = ring_cases()
    counts = on_ring_vertex_counts(cases)
    geod = Geod(ellps="WGS84")

    def rings() -> None:
        for lat, lon, radius in cases:
            geo.range_ring(lat=lat, lon=lon, radius_km=radius)

    def bare_forward() -> None:
        for (lat, lon, radius), count in zip(cases, counts, strict=True):
            azimuths = np.linspace(0.0, -360.0, count)
            geod.fwd(
                np.full(count, lon), np.full(count, lat), azimuths, np.full(count, radius * 1e3)
            )

    ours, floor = best_of(rings), best_of(bare_forward)
    return [
        ("range_ring x1000 (500-12,000 km, 25 km segments)", f"{ours * 1e3:.0f} ms"),
        ("bare Geod.fwd for the same vertices", f"{floor * 1e3:.0f} ms"),
        ("ratio ring / bare geodesics (goal <= 2x)", f"{ours / floor:.2f}x"),
        ("mean vertices per ring", f"{np.mean(counts):.0f}"),
    ]


def bench_planner() -> list[tuple[str, str]]:
    from routes import Aircraft, bundled_sites
    from routes.planning.at_scale import plan_mission_at_scale
    from routes.planning.fields import FieldSet, all_airports
    from routes.planning.planner import Mission, plan_mission

    sites = bundled_sites()
    ferry = Aircraft(id="ferry", name="2,500 km ferry", range_km=2500)
    start = time.perf_counter()
    airports = all_airports()
    _ = airports.xyz, airports.tree
    build = time.perf_counter() - start
    rows = [(f"airport index: {len(airports):,} fields, build", f"{build * 1e3:.0f} ms")]
    queries = [
        ("KSFO", "PHNL"),
        ("RJAA", "PANC"),
        ("RJTT", "KLAX"),
        ("EGLL", "KJFK"),
        ("ZBAA", "LFPG"),
    ]
    for origin, final in queries:
        mission = Mission(origin=sites.resolve(origin), final=sites.resolve(final))
        start = time.perf_counter()
        plan = plan_mission_at_scale(FlightRules(ferry, airports), mission)
        elapsed = time.perf_counter() - start
        rows.append(
            (
                f"query {origin} -> {final} ({len(plan.refuel_stops)} stops)",
                f"{elapsed * 1e3:.0f} ms",
            )
        )
    # The all-pairs planner on a subset it can still handle: the North Pacific rim.
    north_pacific = [
        index
        for index in range(len(airports))
        if airports.lat[index] > 40.0
        and (airports.lon[index] > 125.0 or airports.lon[index] < -140.0)
    ]
    subset = [airports.site(index) for index in north_pacific]
    mission = Mission(origin=sites.resolve("RJAA"), final=sites.resolve("PANC"))
    pruned_fields = FieldSet.from_sites(subset)
    pruned = best_of(lambda: plan_mission_at_scale(FlightRules(ferry, pruned_fields), mission))
    start = time.perf_counter()
    exact = plan_mission(FlightRules(ferry, subset), mission)
    naive = time.perf_counter() - start
    check = plan_mission_at_scale(FlightRules(ferry, pruned_fields), mission)
    same = (
        len(check.refuel_stops) == len(exact.refuel_stops)
        and abs(check.total_km - exact.total_km) < 1e-6
    )
    rows += [
        (
            f"subset: {len(subset):,} North Pacific fields, RJAA -> PANC, all-pairs",
            f"{naive * 1e3:.0f} ms",
        ),
        ("subset: pruned planner", f"{pruned * 1e3:.0f} ms"),
        (
            "ratio all-pairs / pruned (same plan: " + ("yes" if same else "NO") + ")",
            f"{naive / pruned:.0f}x",
        ),
    ]
    return rows


def bench_demo() -> list[tuple[str, str]]:
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rangemap", "demo", "--out", folder],
            check=True,
            capture_output=True,
        )
        elapsed = time.perf_counter() - start
        pages = list(Path(folder).glob("*.html"))
        largest = max(pages, key=lambda page: page.stat().st_size)
        return [
            (
                f"rangemap demo end to end ({len(pages) - 1} scenarios, goal < 60 s)",
                f"{elapsed:.1f} s",
            ),
            (
                f"largest HTML ({largest.name}, goal <= 2 MB)",
                f"{largest.stat().st_size / 1e6:.2f} MB",
            ),
        ]


def bench_inputs() -> list[tuple[str, str]]:
    import csv
    import math
    import tempfile
    from pathlib import Path

    from formats.sites import read_sites
    from routes import Site, bundled_sites, find_aircraft
    from routes.legs import legs_through
    from routes.planning.planner import Mission, plan_mission
    from routes.planning.policy import refuel_fields

    sites = bundled_sites()
    track = tuple(
        Site(id=f"w{k}", name=f"w{k}", lat=40.0 + 10.0 * math.sin(k / 300.0), lon=120.0 + k / 100.0)
        for k in range(5000)
    )
    mission = Mission(origin=sites["neixiang"], waypoints=track, final=sites["UHPP"])
    fields = refuel_fields(sites, ["ru-far-east,cn-bomber-base"])
    h6k = find_aircraft("h-6k")
    planned = best_of(lambda: plan_mission(FlightRules(h6k, fields), mission))
    legs = best_of(lambda: legs_through([sites["neixiang"], *track, sites["UHPP"]], cruise_kmh=768))
    rows = [
        ("plan: 5,000 waypoints, catalog fields (goal: seconds)", f"{planned * 1e3:.0f} ms"),
        ("  its legs alone (geodesic paths)", f"{legs * 1e3:.0f} ms"),
        ("  ratio plan / legs", f"{planned / legs:.2f}x"),
    ]
    rng = np.random.default_rng(9)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "million.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["id", "name", "lat", "lon", "country", "tags"])
            lats, lons = rng.uniform(-89, 89, 1_000_000), rng.uniform(-180, 180, 1_000_000)
            for k, (lat, lon) in enumerate(zip(lats.tolist(), lons.tolist(), strict=True)):
                writer.writerow(
                    [f"site{k}", f"Site number {k}", f"{lat:.5f}", f"{lon:.5f}", "RU", "x;y"]
                )
        start = time.perf_counter()
        read_sites(path)
        loaded = time.perf_counter() - start

        def parse_only() -> None:
            with path.open(encoding="utf-8", newline="") as stream:
                for _ in csv.reader(stream):
                    pass

        floor = best_of(parse_only)
    rows += [
        ("sites file: 1,000,000 rows read and checked", f"{loaded:.1f} s"),
        ("  bare csv parsing of it", f"{floor:.1f} s"),
        ("  ratio read / parse", f"{loaded / floor:.1f}x"),
    ]
    return rows


def main() -> None:
    rows = (
        bench_rings()
        + bench_planner()
        + bench_demo()
        + bench_inputs()
        + bench_airspace()
        + bench_tracks()
        + bench_standoff()
        + bench_exports()
        + bench_track()
        + bench_track_memory()
        + bench_chain()
        + bench_serve()
    )
    width = max(len(name) for name, _ in rows)
    print(f"{'benchmark'.ljust(width)}  result")
    print(f"{'-' * width}  ------")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
