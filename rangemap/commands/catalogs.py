"""The catalog listings: `rangemap aircraft`, `sites`, `weapons` and `zones`, as tables for people
or JSON for programs."""

from __future__ import annotations

import argparse
import dataclasses

import airspace
import routes
from rangemap.commands import options
from rangemap.outputs import UsageError
from rangemap.tables import format_table
from rangemap.terminal import json_text, say
from routes.bundled import bundled_weapons, range_sources, with_range_source

__all__ = [
    "add_aircraft",
    "add_sites",
    "add_weapons",
    "add_zones",
    "aircraft_records",
    "run_aircraft",
    "run_sites",
    "run_weapons",
    "run_zones",
    "site_records",
    "weapon_records",
    "zone_records",
]


def add_aircraft(commands: options.Commands) -> None:
    """Add `rangemap aircraft` to the commands."""
    aircraft = commands.add_parser("aircraft", help="list the aircraft catalog")
    options.add_json_option(aircraft)
    aircraft.set_defaults(run=run_aircraft)


def add_sites(commands: options.Commands) -> None:
    """Add `rangemap sites` to the commands."""
    sites = commands.add_parser("sites", help="list the site catalog")
    sites.add_argument("--tag", type=options.nonempty_text, help="only sites with this tag")
    options.add_json_option(sites)
    options.add_sites_option(sites)
    sites.set_defaults(run=run_sites)


def add_weapons(commands: options.Commands) -> None:
    """Add `rangemap weapons` to the commands."""
    weapons = commands.add_parser("weapons", help="list the weapons catalog")
    options.add_json_option(weapons)
    weapons.set_defaults(run=run_weapons)


def add_zones(commands: options.Commands) -> None:
    """Add `rangemap zones` to the commands."""
    zones = commands.add_parser("zones", help="the airspace zones: sovereign airspace and ADIZs")
    zones.add_argument("--kind", choices=("sovereign", "adiz"), help="only zones of this kind")
    options.add_json_option(zones)
    zones.set_defaults(run=run_zones)


def run_aircraft(args: argparse.Namespace) -> int:
    """List the aircraft catalog, with each aircraft's published ranges."""
    planes = list(routes.bundled_aircraft().values())
    if args.json:
        say(json_text(aircraft_records()))
        return 0
    rows = [
        (
            p.id,
            p.name,
            f"{p.range_km:,.0f}",
            p.figure,
            f"{p.cruise_kmh:g}" if p.cruise_kmh else "-",
            p.operator or "-",
            ", ".join(
                f"{label} {with_range_source(p, label).range_km:,.0f}"
                for label in range_sources(p.id)
            ),
        )
        for p in planes
    ]
    say(
        format_table(
            ("id", "name", "range_km", "figure", "cruise_kmh", "operator", "published ranges"),
            rows,
        )
    )
    return 0


def aircraft_records() -> list[dict[str, object]]:
    """The aircraft catalog, each aircraft with its published ranges and their sources."""
    return [
        {
            **dataclasses.asdict(plane),
            "published_ranges": [
                {
                    "label": label,
                    "range_km": (other := with_range_source(plane, label)).range_km,
                    "figure": other.figure,
                    "source": other.source,
                }
                for label in range_sources(plane.id)
            ],
        }
        for plane in routes.bundled_aircraft().values()
    ]


def site_records(chosen: list[routes.Site]) -> list[dict[str, object]]:
    """Sites as `rangemap sites --json` lists them."""
    return [{**dataclasses.asdict(site), "tags": sorted(site.tags)} for site in chosen]


def weapon_records() -> list[dict[str, object]]:
    """The weapons catalog, with sources."""
    return [dataclasses.asdict(weapon) for weapon in bundled_weapons().values()]


def zone_records(kind: str | None = None) -> list[dict[str, object]]:
    """The airspace zones (of one `kind`, or all), with their sources and edge rules."""
    return [
        {
            "id": zone.id,
            "name": zone.name,
            "short_name": zone.short_name,
            "kind": zone.kind,
            "state": zone.state,
            "exact": zone.exact,
            "complete": zone.complete,
            "edge_rule": zone.edge_rule,
            "source": zone.source,
        }
        for zone in airspace.zones()
        if kind in (None, zone.kind)
    ]


def run_sites(args: argparse.Namespace) -> int:
    """List the site catalog (with --sites files), or the sites with --tag."""
    catalog = options.site_catalog(args)
    chosen = catalog.tagged(args.tag) if args.tag else list(catalog.values())
    if args.tag and not chosen:
        raise UsageError(f"no site has tag {args.tag!r}")
    if args.json:
        say(json_text(site_records(chosen)))
        return 0
    rows = [
        (s.id, s.name, f"{s.lat:.4f}", f"{s.lon:.4f}", s.country, ",".join(sorted(s.tags)))
        for s in chosen
    ]
    say(format_table(("id", "name", "lat", "lon", "country", "tags"), rows))
    return 0


def run_weapons(args: argparse.Namespace) -> int:
    """List the weapons catalog."""
    weapons = list(bundled_weapons().values())
    if args.json:
        say(json_text(weapon_records()))
        return 0
    rows = [(w.id, w.name, w.kind, f"{w.range_km:,.0f}", ", ".join(w.carriers)) for w in weapons]
    say(format_table(("id", "name", "kind", "range_km", "carriers"), rows))
    say("sources: rangemap weapons --json")
    return 0


def run_zones(args: argparse.Namespace) -> int:
    """List the airspace zones, or those of one --kind."""

    chosen = [zone for zone in airspace.zones() if args.kind in (None, zone.kind)]
    if args.json:
        say(json_text(zone_records(args.kind)))
        return 0
    rows = [
        (
            zone.id,
            zone.kind,
            zone.state,
            "yes" if zone.exact else "no",
            "yes" if zone.complete else "line",
            zone.short_name,
            zone.authority,
        )
        for zone in chosen
    ]
    say(format_table(("id", "kind", "state", "exact", "complete", "name", "source"), rows))
    return 0
