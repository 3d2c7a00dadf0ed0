"""The `rangemap` command line: one function per subcommand, errors as one line and an exit code.

Exit codes: 0 ok, 2 bad input (nothing written), 3 no feasible plan.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import geo
import routes
from rangemap.outputs import UsageError, check_outputs, write_outputs
from rangemap.tables import format_table
from routes.export import ring_feature, site_feature
from routes.range_model import MODES, check_reserve, range_rings

__all__ = ["main"]

EXIT_BAD_INPUT = 2
EXIT_NO_PLAN = 3
DEMO_RINGS = (("tu-95ms", "UHBU"), ("h-6k", "neixiang"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except routes.NoPlanError as error:
        print(f"rangemap: no plan: {error}", file=sys.stderr)
        return EXIT_NO_PLAN
    except (geo.GeoError, routes.RoutesError, UsageError) as error:
        print(f"rangemap: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rangemap",
        description="Geodesic range rings and refuelling routes for long-range aircraft.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    aircraft = commands.add_parser("aircraft", help="list the aircraft catalog")
    aircraft.add_argument("--json", action="store_true", help="JSON for programs")
    aircraft.set_defaults(run=_aircraft)

    sites = commands.add_parser("sites", help="list the site catalog")
    sites.add_argument("--tag", help="only sites with this tag")
    sites.add_argument("--json", action="store_true", help="JSON for programs")
    _add_sites_option(sites)
    sites.set_defaults(run=_sites)

    ring = commands.add_parser("ring", help="one-way reach and combat radius rings")
    _add_aircraft_options(ring)
    ring.add_argument(
        "--at", action="append", required=True, metavar="SITE", help="base (repeatable)"
    )
    ring.add_argument("--mode", choices=MODES, action="append", help="which rings (default both)")
    _add_sites_option(ring)
    _add_output_option(ring)
    ring.set_defaults(run=_ring)

    demo = commands.add_parser("demo", help="write the demo results for the bundled data")
    demo.add_argument("--out", type=Path, default=Path("out"), help="folder (default: out)")
    demo.set_defaults(run=_demo)
    return parser


def _add_aircraft_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--aircraft", metavar="A", help="catalog id or name (see `rangemap aircraft`)"
    )
    parser.add_argument("--range-km", type=float, metavar="N", help="an ad-hoc aircraft's range")
    parser.add_argument("--cruise-kmh", type=float, metavar="V", help="its cruise speed")
    parser.add_argument(
        "--reserve", type=float, default=0.0, metavar="R", help="fuel reserve fraction"
    )


def _add_sites_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sites", type=Path, metavar="FILE", help="extra sites (CSV or GeoJSON)")


def _add_output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="write the result; the format follows the suffix (repeatable)",
    )


def _catalog(args: argparse.Namespace) -> routes.SiteCatalog:
    catalog = routes.bundled_sites()
    if getattr(args, "sites", None) is not None:
        catalog = catalog.merged(routes.read_sites(args.sites))
    return catalog


def _chosen_aircraft(args: argparse.Namespace) -> routes.Aircraft:
    check_reserve(args.reserve)
    if args.range_km is not None:
        if args.aircraft is not None:
            raise UsageError("give --aircraft or --range-km, not both")
        return routes.Aircraft(
            id="custom",
            name=f"aircraft with {args.range_km:g} km range",
            range_km=args.range_km,
            cruise_kmh=args.cruise_kmh,
            source="given on the command line",
        )
    if args.aircraft is None:
        raise UsageError("give --aircraft A (see `rangemap aircraft`) or --range-km N")
    if args.cruise_kmh is not None:
        raise UsageError("--cruise-kmh goes with --range-km")
    return routes.find_aircraft(args.aircraft)


def _aircraft(args: argparse.Namespace) -> int:
    planes = list(routes.bundled_aircraft().values())
    if args.json:
        print(json.dumps([vars(plane) for plane in planes], indent=2, ensure_ascii=False))
        return 0
    rows = [
        (p.id, p.name, f"{p.range_km:,.0f}", p.figure, f"{p.cruise_kmh:g}" if p.cruise_kmh else "-")
        for p in planes
    ]
    print(format_table(("id", "name", "range_km", "figure", "cruise_kmh"), rows))
    return 0


def _sites(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    chosen = catalog.tagged(args.tag) if args.tag else list(catalog.values())
    if args.tag and not chosen:
        raise UsageError(f"no site has tag {args.tag!r}")
    if args.json:
        records = [{**vars(site), "tags": sorted(site.tags)} for site in chosen]
        print(json.dumps(records, indent=2, ensure_ascii=False))
        return 0
    rows = [
        (s.id, s.name, f"{s.lat:.4f}", f"{s.lon:.4f}", s.country, ",".join(sorted(s.tags)))
        for s in chosen
    ]
    print(format_table(("id", "name", "lat", "lon", "country", "tags"), rows))
    return 0


def _ring(args: argparse.Namespace) -> int:
    check_outputs(args.output)
    plane = _chosen_aircraft(args)
    catalog = _catalog(args)
    bases = [catalog.resolve(query) for query in args.at]
    rings = range_rings(plane, bases, reserve=args.reserve, modes=args.mode or MODES)
    rows = [(r.site.id, r.site.name, r.mode, f"{r.radius_km:,.0f}") for r in rings]
    print(
        f"{plane.name}: range {plane.range_km:,.0f} km ({plane.figure}), reserve {args.reserve:.0%}"
    )
    print(format_table(("site", "name", "ring", "radius_km"), rows))
    features = [ring_feature(r) for r in rings] + [site_feature(b, "base") for b in bases]
    write_outputs(args.output, features)
    for path in args.output:
        print(f"wrote {path}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    catalog = routes.bundled_sites()
    for aircraft_id, base_id in DEMO_RINGS:
        plane, base = routes.find_aircraft(aircraft_id), catalog[base_id]
        rings = range_rings(plane, [base])
        target = out / f"rings-{plane.id}-{base.id.lower()}.geojson"
        write_outputs([target], [ring_feature(r) for r in rings] + [site_feature(base, "base")])
        radii = ", ".join(f"{r.mode} {r.radius_km:,.0f} km" for r in rings)
        print(f"{plane.name} from {base.name}: {radii} -> {target}")
    return 0
