"""Airspace benchmarks for `make bench`: rows of (name, value), never assertions.

- cold load: import airspace and read every zone in a fresh process (goal < 1 s);
- crossings of a 10,000 km leg over all zones, once the indexes are built (goal < 50 ms);
- size of the sovereign airspace package data (goal <= 8 MB).
"""

from __future__ import annotations

import subprocess
import sys
import time
from importlib import resources

COLD_LOAD = (
    "import time; start = time.perf_counter(); import airspace; "
    "zones = airspace.zones(); print(time.perf_counter() - start, len(zones))"
)
REPEATS = 5
#: From Elmendorf (Anchorage) 10,000 km towards Singapore: across the Alaska ADIZ, 180, the
#: Kurils, Japan and the South China Sea.
START, TOWARDS, LENGTH_KM = (61.25, -149.8), (1.35, 103.99), 10_000.0


def long_leg() -> list[tuple[float, float]]:
    import geo

    azimuth = geo.initial_azimuth_deg(
        lat1=START[0], lon1=START[1], lat2=TOWARDS[0], lon2=TOWARDS[1]
    )
    end = geo.destination(lat=START[0], lon=START[1], azimuth_deg=azimuth, distance_km=LENGTH_KM)
    return [START, (end.lat, end.lon)]


def bench_airspace() -> list[tuple[str, str]]:
    import airspace

    leg = long_leg()

    runs = [
        subprocess.run(
            [sys.executable, "-c", COLD_LOAD], check=True, capture_output=True, text=True
        ).stdout.split()
        for _ in range(3)
    ]
    cold = min(float(seconds) for seconds, _ in runs)
    count = runs[0][1]
    start = time.perf_counter()
    first = airspace.crossings(leg)
    first_call = time.perf_counter() - start
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        airspace.crossings(leg)
        times.append(time.perf_counter() - start)
    warm = min(times)
    data = resources.files("airspace").joinpath("data")
    sovereign_mb = (
        sum(data.joinpath(name).stat().st_size for name in ("sovereign.npz", "sovereign.json"))
        / 1e6
    )
    return [
        (f"airspace: cold load of all {count} zones, fresh process (goal < 1 s)", f"{cold:.2f} s"),
        (
            f"airspace: crossings of a {first.length_km:,.0f} km leg, first call (builds indexes)",
            f"{first_call * 1e3:.0f} ms",
        ),
        (
            f"airspace: crossings of the same leg, {len(first.visits)} stays (goal < 50 ms)",
            f"{warm * 1e3:.1f} ms",
        ),
        ("airspace: sovereign airspace package data (goal <= 8 MB)", f"{sovereign_mb:.2f} MB"),
    ]
