"""`rangemap need`: which refuelling fields an aircraft needs to reach each target from each base."""

from __future__ import annotations

import argparse

from basemaps.content import content_of
from formats.features import plan_features
from formats.records import need_record
from rangemap.commands import options
from rangemap.commands.answers import Answer, deliver
from rangemap.reports import need_report
from routes.planning.need import where_to_refuel
from routes.planning.policy import refuel_field_set
from routes.zone_edges import waypoints_from

__all__ = ["add_need", "need_answer", "run_need"]


def add_need(commands: options.Commands) -> None:
    """Add `rangemap need` to the commands."""
    need = commands.add_parser("need", help="which fields an aircraft needs to reach each target")
    options.add_aircraft_options(need)
    need.add_argument("--from", dest="origins", action="append", required=True, metavar="SITE")
    need.add_argument(
        "--target",
        action="append",
        required=True,
        metavar="SITE",
        help="flown to and back: a site, an ICAO code, lat,lon, or edge:ZONE (the point of a "
        "zone's boundary nearest the first --from)",
    )
    options.add_refuel_option(need)
    options.add_overfly_option(need)
    options.add_json_option(need)
    options.add_sites_option(need)
    options.add_output_options(need)
    need.set_defaults(run=run_need)


def run_need(args: argparse.Namespace) -> int:
    """Plan each target from each base: out and back, unrefuelled or with landings."""
    return deliver(args, need_answer(args))


def need_answer(args: argparse.Namespace) -> Answer:
    """A row for each target from each base: out and back, unrefuelled or with landings."""
    map_options, plane, catalog = options.checked_inputs(args)
    origins = [catalog.resolve(query) for query in args.origins]
    targets = [  # an edge:ZONE target is the point of its edge nearest the first base
        target
        for query in args.target
        for target in waypoints_from(catalog, [query], start=origins[0])
    ]
    fields = refuel_field_set(catalog, args.refuel_at)
    rows = where_to_refuel(options.flight_rules(args, plane, origins, fields), origins, targets)
    title = f"Where must the {plane.name} refuel?"
    return Answer(
        record=[need_record(row) for row in rows],
        text=need_report(plane, rows, args.reserve),
        features=lambda: [
            f for row in rows if row.plan is not None for f in plan_features(row.plan)
        ],
        content=content_of(title, need_rows=rows),
        map_options=map_options,
    )
