"""`rangemap reach`: where an aircraft reaches with 0, 1, 2... landings at allowed fields."""

from __future__ import annotations

import argparse

from basemaps.content import reach_content
from formats.features import reach_features
from formats.records import reach_record
from rangemap.commands import options
from rangemap.commands.answers import Answer, deliver
from rangemap.reports import reach_report
from routes.planning.policy import refuel_fields
from routes.reach_bands.bands import MAX_LANDINGS, ONE_WAY, ROUND_TRIP, reach

__all__ = ["add_reach", "reach_answer", "run_reach"]


def add_reach(commands: options.Commands) -> None:
    """Add `rangemap reach` to the commands."""
    reach = commands.add_parser(
        "reach", help="where an aircraft reaches with 0, 1, 2... landings at allowed fields"
    )
    options.add_aircraft_options(reach)
    reach.add_argument("--from", dest="origin", required=True, metavar="SITE", help="take-off site")
    options.add_refuel_option(reach, every_airport=False)
    reach.add_argument(
        "--landings",
        type=options.whole_number,
        default=1,
        metavar="K",
        help=f"bands for 0 to K landings (default 1, at most {MAX_LANDINGS})",
    )
    reach.add_argument(
        "--one-way", action="store_true", help="one way (default: out and back to --from)"
    )
    options.add_overfly_option(reach)
    options.add_json_option(reach)
    options.add_sites_option(reach)
    options.add_output_options(reach)
    reach.set_defaults(run=run_reach)


def run_reach(args: argparse.Namespace) -> int:
    """Draw the reach bands of 0 to --landings landings."""
    return deliver(args, reach_answer(args))


def reach_answer(args: argparse.Namespace) -> Answer:
    """The reach bands of 0 to --landings landings."""
    map_options, plane, catalog = options.checked_inputs(args)
    origin = catalog.resolve(args.origin)
    fields = refuel_fields(catalog, args.refuel_at) if args.refuel_at else []
    found = reach(
        options.flight_rules(args, plane, [origin], fields),
        origin,
        landings=args.landings,
        mode=ONE_WAY if args.one_way else ROUND_TRIP,
    )
    return Answer(
        record=reach_record(found),
        text=reach_report(found),
        features=lambda: reach_features(found),
        content=reach_content(found),
        map_options=map_options,
    )
