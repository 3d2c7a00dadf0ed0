"""`rangemap strike`: where a missile carrier launches at a target from, and the flight there and
back."""

from __future__ import annotations

import argparse

import routes
from basemaps.content import strike_content
from formats.features import strike_features
from formats.records import strike_record
from rangemap.commands import options
from rangemap.commands.answers import Answer, deliver
from rangemap.outputs import UsageError
from rangemap.reports import strike_report
from routes.airspace_rule import AirspaceRule
from routes.bundled import check_carried, find_weapon
from routes.planning.policy import refuel_fields
from routes.scenario.tasks import escort_from, strike_overfly
from routes.standoff.launch import Escort, launch_rule
from routes.standoff.strike import plan_strike

__all__ = ["add_strike", "run_strike", "strike_answer"]


def add_strike(commands: options.Commands) -> None:
    """Add `rangemap strike` to the commands."""
    strike = commands.add_parser(
        "strike", help="where a missile carrier launches at a target from, and the flight there"
    )
    options.add_aircraft_options(strike)
    strike.add_argument("--weapon", required=True, metavar="W", help="see `rangemap weapons`")
    strike.add_argument("--from", dest="origin", required=True, metavar="SITE", help="base")
    strike.add_argument("--target", required=True, metavar="SITE", help="what the missile is for")
    strike.add_argument(
        "--launch-from",
        default="international",
        metavar="RULE",
        help="domestic (the operator's airspace), international, or states (RU,CN);"
        " default international",
    )
    strike.add_argument(
        "--escort", metavar="FIGHTER", help="launch only under this fighter's combat radius"
    )
    strike.add_argument(
        "--escort-from",
        action="append",
        default=[],
        metavar="WHERE",
        help="the escort's bases: a tag, country or site ids (default: the sites tagged with"
        " the fighter's id); repeatable",
    )
    options.add_refuel_option(strike, every_airport=False)
    options.add_overfly_option(strike)
    options.add_json_option(strike)
    options.add_sites_option(strike)
    options.add_output_options(strike)
    strike.set_defaults(run=run_strike)


def run_strike(args: argparse.Namespace) -> int:
    """Plan the strike: the launch point, and the flight there and back."""
    return deliver(args, strike_answer(args))


def strike_answer(args: argparse.Namespace) -> Answer:
    """The strike: the launch point, and the flight there and back."""
    map_options, plane, catalog = options.checked_inputs(args)
    weapon = find_weapon(args.weapon)
    check_carried(weapon, plane)
    rule = launch_rule(args.launch_from, plane.operator)
    escort = _escort(args, catalog)
    origin, target = catalog.resolve(args.origin), catalog.resolve(args.target)
    fields = refuel_fields(catalog, args.refuel_at) if args.refuel_at else []
    airspace_rule = AirspaceRule(strike_overfly(plane, origin, fields, rule, args.overfly))
    rules = routes.FlightRules(plane, fields, args.reserve, airspace_rule)
    strike = plan_strike(rules, origin, target, weapon, rule, escort=escort)
    return Answer(
        record=strike_record(strike),
        text=strike_report(strike),
        features=lambda: strike_features(strike),
        content=strike_content(strike, refuel_at=args.refuel_at or ()),
        map_options=map_options,
    )


def _escort(args: argparse.Namespace, catalog: routes.SiteCatalog) -> Escort | None:
    if args.escort is None:
        if args.escort_from:
            raise UsageError("--escort-from goes with --escort")
        return None
    fighter = routes.find_aircraft(args.escort)
    return escort_from(catalog, fighter, args.escort_from, "escort_from")
