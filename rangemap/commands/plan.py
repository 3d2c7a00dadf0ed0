"""`rangemap plan`: where an aircraft lands to refuel on a mission, the published ranges the answer
holds over, and its timeline."""

from __future__ import annotations

import argparse
import dataclasses

from basemaps.content import content_of
from formats.features import plan_features
from formats.records import plan_record
from rangemap.commands import options
from rangemap.commands.answers import Answer, deliver
from rangemap.reports import plan_report
from routes.planning.planner import Mission
from routes.planning.policy import band_with_policy, plan_with_policy, refuel_field_set
from routes.zone_edges import waypoints_from

__all__ = ["add_plan", "plan_answer", "run_plan"]


def add_plan(commands: options.Commands) -> None:
    """Add `rangemap plan` to the commands."""
    plan = commands.add_parser("plan", help="where to land to refuel on a mission")
    options.add_aircraft_options(plan)
    plan.add_argument("--from", dest="origin", required=True, metavar="SITE", help="take-off site")
    plan.add_argument(
        "--via",
        action="append",
        default=[],
        metavar="SITE",
        help="overflown, in order: a site, an ICAO code, lat,lon, or edge:ZONE (the point of a "
        "zone's boundary nearest the point before, ZONE as rangemap zones lists it)",
    )
    plan.add_argument("--to", dest="final", metavar="SITE", help="landing site (default: --from)")
    options.add_refuel_option(plan)
    options.add_overfly_option(plan)
    options.add_timing_options(plan)
    options.add_json_option(plan)
    options.add_sites_option(plan)
    options.add_output_options(plan)
    plan.set_defaults(run=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    """Plan the mission, with the band of published ranges its answer holds over."""
    return deliver(args, plan_answer(args))


def plan_answer(args: argparse.Namespace) -> Answer:
    """The planned mission and its band (routes.NoPlanError where no plan flies it)."""
    map_options, plane, catalog = options.checked_inputs(args)
    origin = catalog.resolve(args.origin)
    mission = Mission(
        origin=origin,
        waypoints=waypoints_from(catalog, args.via, start=origin),
        final=catalog.resolve(args.final) if args.final else None,
        **options.timing(args, plane),
    )
    fields = refuel_field_set(catalog, args.refuel_at)
    rules = options.flight_rules(args, plane, [mission.origin, mission.landing_site], fields)
    plan = plan_with_policy(rules, mission)
    band = band_with_policy(rules, mission)
    plan = dataclasses.replace(plan, band=band)
    stops = ", ".join(site.id for site in plan.refuel_stops) or "no refuelling stop"
    title = f"{plane.name} from {mission.origin.name}: {stops}"
    return Answer(
        record=plan_record(plan),
        text=plan_report(plan),
        features=lambda: plan_features(plan),
        content=content_of(title, plans=[plan]),
        map_options=map_options,
    )
