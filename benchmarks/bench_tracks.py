"""Benchmarks of tracks that keep out of forbidden airspace, for `make bench` (rows, no asserts).

- one track across the north-west Pacific (La Perouse to Miyako, round Japan): first search in a
  fresh process with the zones and the obstacles' corners built (goal < 100 ms for the search),
  and the same search again with those built; against the straight geodesic's own test;
- the patrol round Japan planned with airspace rules in a fresh process (goal < 2 s);
- a one-ring HTML map in a fresh process (goal < 1 s).
"""

from __future__ import annotations

import subprocess
import sys
import time

TRACK = (45.7, 142.0, 25.3, 126.0)
JAPAN_PATROL = [
    "plan",
    "--aircraft",
    "h-6k",
    "--from",
    "neixiang",
    "--via",
    "34.0,129.5",
    "--via",
    "45.7,142.0",
    "--via",
    "37.5,145.0",
    "--via",
    "25.3,126.0",
    "--refuel-at",
    "ru-far-east",
]


def fresh(args: list[str]) -> float:
    """Best of three wall times of `python -m rangemap ARGS` in a fresh process."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rangemap", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def bench_tracks() -> list[tuple[str, str]]:
    import tempfile

    import airspace
    from airspace import tracks

    lat1, lon1, lat2, lon2 = TRACK
    allowed = ["CN", "RU"]
    start = time.perf_counter()
    airspace.zones()
    forbidden = frozenset(airspace.states()) - set(allowed)
    tracks._obstacles(forbidden, 180.0)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    track = airspace.shortest_track(lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2, allowed=allowed)
    search = time.perf_counter() - start
    tracks._FOUND.clear()
    start = time.perf_counter()
    airspace.shortest_track(lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2, allowed=allowed)
    again = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        ring_html = fresh(
            [
                "ring",
                "--aircraft",
                "h-6k",
                "--at",
                "neixiang",
                "--offline",
                "-o",
                f"{folder}/r.html",
            ]
        )
    return [
        ("tracks: zones and corners for one forbidden set, once per run", f"{setup * 1e3:.0f} ms"),
        (
            f"tracks: La Perouse -> Miyako round Japan ({len(track.points) - 2} bends, "
            f"+{track.detour_km:.0f} km), first search (goal < 100 ms)",
            f"{search * 1e3:.0f} ms",
        ),
        ("tracks: the same search again (sights between corners known)", f"{again * 1e3:.0f} ms"),
        (
            "plan: patrol round Japan with airspace, fresh process (goal < 2 s)",
            f"{fresh(JAPAN_PATROL):.2f} s",
        ),
        ("ring: one-ring offline HTML map, fresh process (goal < 1 s)", f"{ring_html:.2f} s"),
    ]
