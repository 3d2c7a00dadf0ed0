"""Benchmarks of the explorer (`rangemap serve`), for `make bench` (rows, no asserts).

The README's patrol round Japan keeping out of airspace (H-6K from Neixiang, Russian Far East
fields): `rangemap plan` cold in a fresh process (the baseline), against the same plan asked of a
running explorer over HTTP, warm (goal: median under 300 ms), each time with its first waypoint
moved a little so no answer is reused; as the page asks it (with the features and airspace
drawn); asked again unchanged (kept); and 20 plans at once, all answered.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.explorer.server import served

JAPAN = {
    "aircraft": "h-6k",
    "from": "neixiang",
    "via": ["34.0,129.5", "45.7,142.0", "37.5,145.0", "25.3,126.0"],
    "refuel_at": ["ru-far-east"],
}
ASKED = 30


def _moved(k: int) -> dict[str, object]:
    """The patrol with its Korea Strait waypoint moved k thousandths of a degree (111 m) south."""
    via = [f"{34.0 - k / 1000:.3f},129.5", *JAPAN["via"][1:]]  # type: ignore[index]
    return dict(JAPAN, via=via)


def _timed(client: httpx.Client, url: str, body: object, query: str = "") -> float:
    start = time.perf_counter()
    reply = client.post(f"{url}api/plan{query}", json=body, timeout=120)
    elapsed = time.perf_counter() - start
    if reply.status_code != 200:
        raise RuntimeError(f"the explorer answered {reply.status_code}: {reply.text[:200]}")
    return elapsed


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1e3:.0f} ms, p95 {p95 * 1e3:.0f} ms"


def bench_serve() -> list[tuple[str, str]]:
    argv = [sys.executable, "-m", "rangemap", "plan", "--aircraft", "h-6k", "--from", "neixiang"]
    argv += [part for via in JAPAN["via"] for part in ("--via", str(via))]  # type: ignore[attr-defined]
    start = time.perf_counter()
    subprocess.run([*argv, "--refuel-at", "ru-far-east"], check=True, capture_output=True)
    cold = time.perf_counter() - start
    with served("--workers", "2") as explorer, httpx.Client() as client:
        _timed(client, explorer.url, JAPAN)  # the workers warm up
        warm = [_timed(client, explorer.url, _moved(k)) for k in range(1, ASKED + 1)]
        page = [
            _timed(client, explorer.url, _moved(k), "?with=features")
            for k in range(ASKED + 1, 2 * ASKED + 1)
        ]
        kept = [_timed(client, explorer.url, JAPAN) for _ in range(ASKED)]
        start = time.perf_counter()
        with ThreadPoolExecutor(20) as pool:
            list(
                pool.map(lambda k: _timed(httpx.Client(), explorer.url, _moved(100 + k)), range(20))
            )
        together = time.perf_counter() - start
    median = statistics.median(warm)
    return [
        ("explorer: `rangemap plan` round Japan, cold in a fresh process", f"{cold:.2f} s"),
        (f"explorer: the same plan warm over HTTP, {ASKED} moved waypoints", _summary(warm)),
        ("explorer: warm against cold", f"{cold / median:.0f}x faster (goal: under 300 ms)"),
        (f"explorer: as the page asks it (features, airspace), {ASKED}", _summary(page)),
        (f"explorer: the same plan asked again (kept), {ASKED}", _summary(kept)),
        ("explorer: 20 plans at once, 2 workers, all answered", f"{together:.2f} s"),
    ]


if __name__ == "__main__":
    for name, value in bench_serve():
        print(f"{name}: {value}")
