"""Benchmarks, run in one process by `make bench`: ratios against a baseline, never assertions.

ring generation: geo.range_ring for 1,000 rings against the bare pyproj Geod.fwd calls that compute
the same boundary vertices (the floor for any ring built from forward geodesics). Goal: within 2x.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import shapely
from pyproj import Geod

import geo

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


def main() -> None:
    rows = bench_rings()
    width = max(len(name) for name, _ in rows)
    print(f"{'benchmark'.ljust(width)}  result")
    print(f"{'-' * width}  ------")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
