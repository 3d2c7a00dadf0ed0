"""Benchmarks of reach bands and stand-off strikes, for `make bench` (rows, no asserts).

- reach bands of the H-6K from Neixiang with up to 2 landings at the catalog's Russian Far East
  fields: exact (straight geodesics; goal < 3 s) and keeping out of airspace (on the grid), against
  one geodesic ring of the same aircraft (the floor of any band);
- a strike plan: H-6K, CJ-20 at Guam from international airspace with Russian fields (goal < 2 s),
  exact and keeping out of airspace;
- the reach map's HTML, self-contained (goal <= 2 MB).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geo
from basemaps.content import reach_content
from formats.features import reach_features
from rangemap.outputs import MapOptions, write_outputs
from routes import FlightRules, bundled_sites, find_aircraft
from routes.airspace_rule import ANYWHERE, AirspaceRule, overfly_for
from routes.bundled import find_weapon
from routes.planning.policy import refuel_fields
from routes.reach_bands.bands import reach
from routes.standoff.launch import launch_rule
from routes.standoff.strike import plan_strike


def once(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bench_standoff() -> list[tuple[str, str]]:
    sites = bundled_sites()
    plane = find_aircraft("h-6k")
    origin = sites.resolve("neixiang")
    fields = refuel_fields(sites, ["ru-far-east"])
    kept_out = AirspaceRule(overfly_for(plane, landing_countries=["RU"]))
    straight = AirspaceRule(ANYWHERE)

    ring = once(lambda: geo.range_ring(lat=origin.lat, lon=origin.lon, radius_km=plane.range_km))
    exact = once(
        lambda: reach(FlightRules(plane, fields, airspace_rule=straight), origin, landings=2)
    )
    gridded = once(
        lambda: reach(FlightRules(plane, fields, airspace_rule=kept_out), origin, landings=2)
    )
    found = reach(FlightRules(plane, fields, airspace_rule=kept_out), origin, landings=2)

    def strike(airspace_rule: AirspaceRule) -> object:
        return plan_strike(
            FlightRules(plane, fields, airspace_rule=airspace_rule),
            origin,
            sites.resolve("PGUA"),
            find_weapon("cj-20"),
            launch_rule("international", plane.operator),
        )

    strike_exact = once(lambda: strike(straight))
    strike_kept_out = once(lambda: strike(kept_out))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reach.html"
        write_outputs([path], reach_features(found), reach_content(found), MapOptions())
        size = path.stat().st_size
    return [
        ("reach: H-6K, 2 landings, 11 RU fields, exact (goal < 3 s)", f"{exact:.2f} s"),
        ("reach: the same keeping out of airspace (grid)", f"{gridded:.2f} s"),
        ("reach: against one geodesic ring", f"{exact / ring:.0f}x ({ring * 1e3:.0f} ms)"),
        ("strike: H-6K CJ-20 at Guam, exact (goal < 2 s)", f"{strike_exact:.2f} s"),
        ("strike: the same keeping out of airspace", f"{strike_kept_out:.2f} s"),
        ("reach map HTML, self-contained (goal <= 2 MB)", f"{size / 1e6:.2f} MB"),
    ]


if __name__ == "__main__":
    for name, value in bench_standoff():
        print(f"{name}: {value}")
