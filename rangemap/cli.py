"""The `rangemap` command line: one function per subcommand, errors as one line and an exit code
(rangemap.terminal lists them). Files named by -o are written before anything is printed, so a
closed stdout never costs them. Signals and the exit itself are rangemap.main's.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import airspace
import geo
import routes
from basemaps.content import content_of, reach_content, strike_content
from formats.features import (
    plan_features,
    radial_feature,
    reach_features,
    ring_feature,
    site_feature,
    strike_features,
)
from formats.flown_features import track_features
from formats.records import need_record, plan_record, reach_record, strike_record, track_record
from formats.scenario.file import load_scenario, scenario_names
from formats.tracks.read import read_track
from rangemap.commands import options
from rangemap.flown_text import no_plan_text, track_text
from rangemap.outputs import MapOptions, UsageError, check_outputs, write_outputs
from rangemap.reports import need_report, plan_report, reach_report, ring_report, strike_report
from rangemap.scenarios import (
    ScenarioSummary,
    StandoffResults,
    reach_text,
    render_scenario,
    result_text,
    run_standoff,
    strike_text,
    write_index,
)
from rangemap.tables import format_table
from rangemap.terminal import (
    BAD_INPUT,
    INTERNAL,
    NO_PLAN,
    StdoutError,
    error_line,
    json_text,
    say,
)
from routes.airspace_rule import Airways
from routes.bundled import (
    bundled_weapons,
    check_carried,
    find_weapon,
    range_sources,
    with_range_source,
)
from routes.errors import shown, shown_path
from routes.flown.analysis import LANDING_MODEL, analyse_track
from routes.flown.playback import flown_playback
from routes.numbers import number_in
from routes.planning.fields import FieldSet
from routes.planning.need import where_to_refuel
from routes.planning.planner import Mission
from routes.planning.policy import (
    band_with_policy,
    plan_with_policy,
    refuel_field_set,
    refuel_fields,
)
from routes.range_model import (
    DISTANCE,
    MODES,
    RangeRing,
    distance_rings,
    evenly,
    radials,
    range_fans,
    range_rings,
    usable_range_km,
)
from routes.reach_bands.bands import MAX_LANDINGS, ONE_WAY, ROUND_TRIP, reach
from routes.scenario.flights import FlightResult, run_scenario
from routes.scenario.tasks import escort_from, strike_overfly
from routes.standoff.launch import Escort, launch_rule
from routes.standoff.strike import plan_strike

__all__ = ["main"]

DEMO_FORMATS = (".geojson", ".html", ".png")
#: Demo maps open anywhere, with or without a network: Leaflet inlined, Natural Earth base.
DEMO_MAP_OPTIONS = MapOptions(offline=True)


class _Parser(argparse.ArgumentParser):
    """argparse with its errors as one line, like every other error of rangemap, and each option
    that takes one value refused when given twice."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, options.StoreOnce)
        self.register("action", "store", options.StoreOnce)

    def error(self, message: str) -> NoReturn:
        error_line(f"rangemap: error: {message} (see {self.prog} --help)")
        sys.exit(BAD_INPUT)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = options.join_negative_coordinates(list(sys.argv[1:] if argv is None else argv))
    try:
        args = _parser().parse_args(arguments)
        result: int = args.run(args)
    except routes.NoPlanError as error:
        return _fail(f"rangemap: no plan: {error}", NO_PLAN)
    except (
        geo.GeoError,
        airspace.AirspaceError,
        routes.RoutesError,
        UsageError,
        StdoutError,
    ) as error:
        return _fail(f"rangemap: error: {error}", BAD_INPUT)
    except Exception as error:
        if os.environ.get("RANGEMAP_DEBUG"):
            raise
        return _fail(
            f"rangemap: internal error: {type(error).__name__}: {error} (please report it;"
            " RANGEMAP_DEBUG=1 shows where)",
            INTERNAL,
        )
    return result


def _fail(message: str, code: int) -> int:
    """Say what went wrong on stderr, in one line (even a line of a million characters is cut)."""
    error_line(message)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rangemap",
        description="Geodesic range rings and refuelling routes for long-range aircraft.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    aircraft = commands.add_parser("aircraft", help="list the aircraft catalog")
    aircraft.add_argument("--json", action="store_true", help="JSON for programs")
    aircraft.set_defaults(run=_aircraft)

    sites = commands.add_parser("sites", help="list the site catalog")
    sites.add_argument("--tag", type=options.nonempty_text, help="only sites with this tag")
    sites.add_argument("--json", action="store_true", help="JSON for programs")
    options.add_sites_option(sites)
    sites.set_defaults(run=_sites)

    ring = commands.add_parser(
        "ring",
        help="one-way reach and combat radius rings, rings at distances, range fans, radials",
        description="Range rings of one aircraft, or of several: each --aircraft (or --range-km) "
        "with the --at bases that follow it, e.g. --aircraft h-6k --at neixiang --aircraft "
        "tu-95ms --at UHBU. Also rings every --every km or at listed --range-km distances, "
        "--fan sectors and --radials, all geodesic on WGS84.",
    )
    options.add_aircraft_options(ring, grouped=True)
    ring.add_argument(
        "--at",
        action=options.InGroups,
        required=True,
        metavar="SITE",
        help="base of the aircraft named before it (repeatable)",
    )
    ring.add_argument("--mode", choices=MODES, action="append", help="which rings (default both)")
    ring.add_argument(
        "--every",
        action=options.StoreOnce,
        type=options.number,
        metavar="KM",
        help="also rings every KM km from each base, out to its aircraft's one-way reach",
    )
    ring.add_argument(
        "--radials",
        action=options.StoreOnce,
        type=options.whole_number,
        metavar="N",
        help="also N geodesic radials from each base, evenly from north, out to its outermost "
        "ring (1 to 360)",
    )
    ring.add_argument(
        "--radials-at",
        metavar="AZ[,AZ...]",
        action=options.StoreOnce,
        help="also geodesic radials at these azimuths (degrees from north) from each base, out "
        "to its outermost ring",
    )
    ring.add_argument(
        "--fan",
        action="append",
        default=[],
        metavar="FROM_AZ,TO_AZ[,MIN_KM]",
        help="also a range fan from each base: the sector clockwise from FROM_AZ to TO_AZ "
        "(degrees from north), from MIN_KM (default 0) out to the one-way reach (repeatable)",
    )
    options.add_sites_option(ring)
    options.add_output_options(ring)
    ring.set_defaults(run=_ring)

    plan = commands.add_parser("plan", help="where to land to refuel on a mission")
    options.add_aircraft_options(plan)
    plan.add_argument("--from", dest="origin", required=True, metavar="SITE", help="take-off site")
    plan.add_argument(
        "--via", action="append", default=[], metavar="SITE", help="overflown, in order"
    )
    plan.add_argument("--to", dest="final", metavar="SITE", help="landing site (default: --from)")
    options.add_refuel_option(plan)
    options.add_overfly_option(plan)
    options.add_timing_options(plan)
    plan.add_argument("--json", action="store_true", help="JSON for programs")
    options.add_sites_option(plan)
    options.add_output_options(plan)
    plan.set_defaults(run=_plan)

    track = commands.add_parser(
        "track",
        help="a flown track: its length, airspace crossings, and where the aircraft would land",
        description="Read a flown track (CSV with lat,lon[,time] columns, as rangemap, OpenSky "
        "and traffic write them; GeoJSON LineStrings, points or a bare geometry; KML gx:Track, "
        "LineStrings or placemarks; GPX track segments; times RFC 3339 / ISO 8601, UTC unless "
        "they say otherwise, or seconds since 1970), measure it on WGS84, list the zones it "
        "enters and say whether the aircraft flies it unrefuelled. If not: "
        f"{LANDING_MODEL}; fewest landings, then fewest km added. A file holding several "
        "flights (aircraft, or lines with a gap between them) is never joined into one track: "
        "--flight picks one.",
    )
    track.add_argument(
        "file", metavar="FILE", help="the track: .csv, .geojson (.json), .kml or .gpx"
    )
    track.add_argument(
        "--flight",
        type=options.nonempty_text,
        metavar="NAME",
        help="which flight of a file holding several: its name (a flight_id, callsign, icao24 or "
        "track name) or its number from 1, as the error listing them says",
    )
    options.add_aircraft_options(track)
    options.add_refuel_option(track)
    options.add_overfly_option(track)
    options.add_turnaround_option(track)
    track.add_argument("--json", action="store_true", help="JSON for programs")
    options.add_sites_option(track)
    options.add_output_options(track)
    track.set_defaults(run=_track)

    need = commands.add_parser("need", help="which fields an aircraft needs to reach each target")
    options.add_aircraft_options(need)
    need.add_argument("--from", dest="origins", action="append", required=True, metavar="SITE")
    need.add_argument("--target", action="append", required=True, metavar="SITE")
    options.add_refuel_option(need)
    options.add_overfly_option(need)
    need.add_argument("--json", action="store_true", help="JSON for programs")
    options.add_sites_option(need)
    options.add_output_options(need)
    need.set_defaults(run=_need)

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
    reach.add_argument("--json", action="store_true", help="JSON for programs")
    options.add_sites_option(reach)
    options.add_output_options(reach)
    reach.set_defaults(run=_reach)

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
    strike.add_argument("--json", action="store_true", help="JSON for programs")
    options.add_sites_option(strike)
    options.add_output_options(strike)
    strike.set_defaults(run=_strike)

    weapons = commands.add_parser("weapons", help="list the weapons catalog")
    weapons.add_argument("--json", action="store_true", help="JSON for programs")
    weapons.set_defaults(run=_weapons)

    zones = commands.add_parser("zones", help="the airspace zones: sovereign airspace and ADIZs")
    zones.add_argument("--kind", choices=("sovereign", "adiz"), help="only zones of this kind")
    zones.add_argument("--json", action="store_true", help="JSON for programs")
    zones.set_defaults(run=_zones)

    scenario = commands.add_parser("scenario", help="plan and draw a scenario (see --list)")
    scenario.add_argument("name", nargs="?", help="a bundled scenario's name or a .toml file")
    scenario.add_argument("--list", action="store_true", help="list the bundled scenarios")
    options.add_output_options(scenario)
    scenario.set_defaults(run=_scenario)

    demo = commands.add_parser(
        "demo", help="every scenario to HTML, PNG and GeoJSON, with an index"
    )
    demo.add_argument("--out", dest="out_text", default="out", help="folder (default: out)")
    options.add_figure_options(demo)
    demo.set_defaults(run=_demo)
    return parser


#: The options that say which aircraft flies (each starts or belongs to a ring group).
_AIRCRAFT_OPTIONS = ("--aircraft", "--range-km", "--cruise-kmh", "--range-source")


def _aircraft(args: argparse.Namespace) -> int:
    planes = list(routes.bundled_aircraft().values())
    if args.json:
        records = [
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
            for plane in planes
        ]
        say(json_text(records))
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


def _sites(args: argparse.Namespace) -> int:
    catalog = options.site_catalog(args)
    chosen = catalog.tagged(args.tag) if args.tag else list(catalog.values())
    if args.tag and not chosen:
        raise UsageError(f"no site has tag {args.tag!r}")
    if args.json:
        records = [{**dataclasses.asdict(site), "tags": sorted(site.tags)} for site in chosen]
        say(json_text(records))
        return 0
    rows = [
        (s.id, s.name, f"{s.lat:.4f}", f"{s.lon:.4f}", s.country, ",".join(sorted(s.tags)))
        for s in chosen
    ]
    say(format_table(("id", "name", "lat", "lon", "country", "tags"), rows))
    return 0


def _ring(args: argparse.Namespace) -> int:
    check_outputs(args.output, inputs=args.sites)
    map_options, catalog = options.map_options(args), options.site_catalog(args)
    if args.every is not None and not (math.isfinite(args.every) and args.every > 0.0):
        raise UsageError(f"--every {args.every:g} must be a distance greater than 0 km")
    fans = [_fan(text) for text in args.fan]
    if args.radials is not None and not 1 <= args.radials <= 360:
        raise UsageError(f"--radials {args.radials} must be a whole number from 1 to 360")
    chosen = [
        (_ring_aircraft(aircraft_args), [catalog.resolve(query) for query in queries])
        for aircraft_args, queries in _ring_groups(args)
    ]
    groups = _told_apart([(plane, bases) for (plane, _), bases in chosen])
    rings = []
    for (plane, bases), ((_, listed), _) in zip(groups, chosen, strict=True):
        own = (
            []
            if listed
            else range_rings(plane, bases, reserve=args.reserve, modes=args.mode or MODES)
        )
        # An --every ring on the combat radius is that ring, drawn once.
        drawn = {round(ring.radius_km, 6) for ring in own}
        reach_km = usable_range_km(plane, args.reserve)
        every = [km for km in _every(args.every, reach_km, plane) if round(km, 6) not in drawn]
        rings += own + distance_rings(plane, bases, sorted({*listed, *every}))
        rings += _fans(plane, bases, fans, args.reserve)
    if args.every is not None and not any(ring.mode == DISTANCE for ring in rings):
        raise UsageError(
            f"--every {args.every:g} km gives no ring: it is beyond every aircraft's one-way reach"
        )
    bases = list({base.id: base for _, sites in groups for base in sites}.values())
    azimuths = [] if args.radials is None else evenly(args.radials)
    azimuths += _azimuths(args.radials_at)
    spokes = radials(rings, sorted(set(azimuths)))
    features = [ring_feature(r) for r in rings] + [radial_feature(r) for r in spokes]
    features += [site_feature(b, "base") for b in bases]
    planes = ", ".join(dict.fromkeys(plane.name for plane, _ in groups))
    title = f"{planes}: range rings from {', '.join(b.name for b in bases)}"
    content = content_of(title, rings=rings, radials=spokes)
    write_outputs(args.output, features, content, map_options)
    say(ring_report([plane for plane, _ in groups], rings, args.reserve))
    options.report_written(args.output, quiet=False)
    return 0


#: Azimuths are taken from -360 to 360 degrees (-60 is 300): beyond is a typo, never wrapped.
_AZIMUTH_BOUND_DEG = 360.0


def _azimuth(value: float, what: str) -> float:
    """An azimuth in [0, 360), from one in [-360, 360] (a one-line error beyond)."""
    if not -_AZIMUTH_BOUND_DEG <= value <= _AZIMUTH_BOUND_DEG:
        raise UsageError(f"{what} {value:g} must be from -360 to 360 degrees")
    return math.fmod(value, 360.0) % 360.0 + 0.0


def _azimuths(text: str | None) -> list[float]:
    """--radials-at AZ[,AZ...] as azimuths in [0, 360), each given once."""
    if text is None:
        return []
    found: list[float] = []
    for part in text.split(","):
        what = f"--radials-at {shown(text, 60)}: azimuth"
        azimuth = _azimuth(number_in(part.strip(), what), what)
        if azimuth in found:
            raise UsageError(f"--radials-at {shown(text, 60)}: azimuth {azimuth:g} is given twice")
        found.append(azimuth)
    return found


def _fan(text: str) -> tuple[float, float, float]:
    """--fan FROM_AZ,TO_AZ[,MIN_KM] as (from, to, least km), azimuths in [0, 360)."""
    parts = text.split(",")
    if len(parts) not in (2, 3):
        raise UsageError(f"--fan {shown(text, 60)}: give FROM_AZ,TO_AZ or FROM_AZ,TO_AZ,MIN_KM")
    values = [
        number_in(part.strip(), f"--fan {shown(text, 60)}: {name}")
        for name, part in zip(("FROM_AZ", "TO_AZ", "MIN_KM"), parts, strict=False)
    ]
    start, end, least = (*values, 0.0) if len(values) == 2 else values
    if least < 0.0:
        raise UsageError(f"--fan {shown(text, 60)}: MIN_KM {least:g} must be at least 0 km")
    start = _azimuth(start, f"--fan {shown(text, 60)}: FROM_AZ")
    end = _azimuth(end, f"--fan {shown(text, 60)}: TO_AZ")
    if start == end:
        raise UsageError(
            f"--fan {shown(text, 60)}: FROM_AZ and TO_AZ point the same way: a fan needs a sector "
            "between them (a whole circle is a ring)"
        )
    return start, end, least


def _fans(
    plane: routes.Aircraft,
    bases: list[routes.Site],
    fans: list[tuple[float, float, float]],
    reserve: float,
) -> list[RangeRing]:
    """Each --fan of `plane` from each base, out to its one-way reach."""
    reach_km = usable_range_km(plane, reserve)
    for start, end, least in fans:
        if least >= reach_km:
            raise UsageError(
                f"--fan {start:g},{end:g},{least:g}: MIN_KM {least:,g} must be less than "
                f"{plane.name}'s one-way reach, {reach_km:,.0f} km"
            )
    if fans and reach_km > geo.FAN_LIMIT_KM:
        raise UsageError(
            f"--fan: {plane.name}'s one-way reach, {reach_km:,.0f} km, is beyond "
            f"{geo.FAN_LIMIT_KM:,.0f} km, where geodesics stop being shortest: fans are drawn up "
            "to there (its ring holds the globe, or nearly)"
        )
    return range_fans(plane, bases, fans, reserve=reserve)


#: The most rings `--every` draws from one base (a finer step is a mistake, not a map).
MAX_EVERY_RINGS = 100


def _every(every_km: float | None, reach_km: float, plane: routes.Aircraft) -> list[float]:
    """The distances of --every's rings: every `every_km` short of the one-way reach (the reach
    ring itself is drawn as such)."""
    if every_km is None:
        return []
    count = math.ceil(reach_km / every_km) - 1
    if count > MAX_EVERY_RINGS:
        raise UsageError(
            f"--every {every_km:g} km gives {count:,} rings per base out to {plane.name}'s "
            f"{reach_km:,.0f} km: at most {MAX_EVERY_RINGS}, give a longer step"
        )
    return [every_km * k for k in range(1, count + 1)]


def _ring_aircraft(args: argparse.Namespace) -> tuple[routes.Aircraft, tuple[float, ...]]:
    """A ring group's aircraft, and the distances its --range-km lists (none for one range):
    with several, an ad-hoc aircraft of the longest, drawn at exactly those distances."""
    given: tuple[float, ...] = args.range_km or ()
    if len(given) <= 1:
        single = argparse.Namespace(**{**vars(args), "range_km": given[0] if given else None})
        return options.chosen_aircraft(single), ()
    for value in given:
        options.check_bounds("--range-km", value, routes.RANGE_KM_BOUNDS, "km")
    listed = ",".join(f"{value:g}" for value in given)
    if len(set(given)) < len(given):
        raise UsageError(f"--range-km {listed} lists a distance twice: give each once")
    if args.mode:
        raise UsageError(
            f"--mode goes with an aircraft's range: --range-km {listed} draws rings at exactly "
            "those distances"
        )
    plane = options.chosen_aircraft(argparse.Namespace(**{**vars(args), "range_km": max(given)}))
    words = [f"{value:,g} km" for value in sorted(given)]
    name = f"rings at {', '.join(words[:-1])} and {words[-1]}"
    plane = dataclasses.replace(plane, name=name)
    return plane, tuple(sorted(given))


def _told_apart(
    groups: list[tuple[routes.Aircraft, list[routes.Site]]],
) -> list[tuple[routes.Aircraft, list[routes.Site]]]:
    """The groups with different aircraft under different ids (two --range-km aircraft are both
    "custom"), so each keeps its own colour and layer."""
    first: dict[str, routes.Aircraft] = {}
    told: list[tuple[routes.Aircraft, list[routes.Site]]] = []
    for plane, bases in groups:
        known = first.setdefault(plane.id, plane)
        if known != plane:
            plane = dataclasses.replace(plane, id=f"{plane.id}-{len(told) + 1}")
            first.setdefault(plane.id, plane)
        told.append((plane, bases))
    return told


def _ring_groups(args: argparse.Namespace) -> list[tuple[argparse.Namespace, list[str]]]:
    """Each aircraft of `ring` (as the options options.chosen_aircraft reads) with its bases: an
    --aircraft or --range-km starts a group, and what follows it belongs to it. With one aircraft
    the order is free."""
    given: list[tuple[str, Any]] = getattr(args, "grouped", None) or []
    starts = [k for k, (option, _) in enumerate(given) if option in ("--aircraft", "--range-km")]
    if len(starts) <= 1:
        spans = [given]
    else:
        if starts[0] != 0:
            option, value = given[0]
            raise UsageError(
                f"{option} {value} comes before any --aircraft: with several aircraft, give each "
                "--aircraft (or --range-km) before its --at bases"
            )
        spans = [given[a:b] for a, b in itertools.pairwise([*starts, len(given)])]
    groups = []
    for span in spans:
        chosen = argparse.Namespace(**vars(args))
        queries = []
        named = set()
        for option, value in span:
            if option == "--at":
                queries.append(value)
                continue
            if option in named:
                raise UsageError(f"{option} is given twice for one aircraft: give it once")
            named.add(option)
            setattr(chosen, option[2:].replace("-", "_"), value)
        for option in _AIRCRAFT_OPTIONS:
            if option not in named:
                setattr(chosen, option[2:].replace("-", "_"), None)
        if not queries:
            what = span[0][1] if span and span[0][0] != "--at" else "the aircraft"
            raise UsageError(f"{span[0][0]} {what} has no base: give --at SITE after it")
        groups.append((chosen, queries))
    return groups


def _plan(args: argparse.Namespace) -> int:
    map_options, plane, catalog = options.checked_inputs(args)
    mission = Mission(
        origin=catalog.resolve(args.origin),
        waypoints=tuple(catalog.resolve(query) for query in args.via),
        final=catalog.resolve(args.final) if args.final else None,
        **options.timing(args, plane),
    )
    fields = refuel_field_set(catalog, args.refuel_at)
    airways = options.flight_airways(args, plane, [mission.origin, mission.landing_site], fields)
    plan = plan_with_policy(plane, mission, fields, reserve=args.reserve, airways=airways)
    band = band_with_policy(plane, mission, fields, reserve=args.reserve, airways=airways)
    plan = dataclasses.replace(plan, band=band)
    stops = ", ".join(site.id for site in plan.refuel_stops) or "no refuelling stop"
    title = f"{plane.name} from {mission.origin.name}: {stops}"
    write_outputs(args.output, plan_features(plan), content_of(title, plans=[plan]), map_options)
    say(json_text(plan_record(plan)) if args.json else plan_report(plan))
    options.report_written(args.output, args.json)
    return 0


def _track(args: argparse.Namespace) -> int:
    check_outputs(args.output, inputs=[Path(args.file)])
    map_options, plane, catalog = options.checked_inputs(args)
    flown = read_track(args.file, flight=args.flight)
    fields = refuel_field_set(catalog, args.refuel_at)
    airways = options.flight_airways(args, plane, [], fields)
    analysis = analyse_track(
        flown,
        plane,
        fields=fields,
        reserve=args.reserve,
        airways=airways,
        turnaround_h=options.checked_turnaround_h(args),
    )
    plan = analysis.plan
    stops = ", ".join(site.id for site in plan.refuel_stops) or (
        "no landing plan" if analysis.diverts is None else "no landing"
    )
    title = f"{plane.name} on a flown track of {analysis.length_km:,.0f} km: {stops}"
    notes = [] if analysis.unrefuelled else [f"Landing model: {LANDING_MODEL}."]
    played = flown_playback(analysis)
    content = content_of(
        title, plans=[plan], notes=notes, playbacks=[] if played is None else [played]
    )
    features = track_features(analysis) if args.output else []  # seconds at 200,000 points
    write_outputs(args.output, features, content, map_options)
    if args.json:
        say(json_text(track_record(analysis)))
    else:
        say(track_text(analysis))
        if analysis.diverts is not None:
            say(plan_report(plan))
    options.report_written(args.output, args.json)
    if analysis.diverts is None:
        return _fail(f"rangemap: no plan: {no_plan_text(analysis, len(fields))}", NO_PLAN)
    return 0


def _reach(args: argparse.Namespace) -> int:
    map_options, plane, catalog = options.checked_inputs(args)
    origin = catalog.resolve(args.origin)
    fields = refuel_fields(catalog, args.refuel_at) if args.refuel_at else []
    airways = options.flight_airways(args, plane, [origin], FieldSet.from_sites(fields))
    found = reach(
        plane,
        origin,
        fields,
        landings=args.landings,
        mode=ONE_WAY if args.one_way else ROUND_TRIP,
        reserve=args.reserve,
        airways=airways,
    )
    content = reach_content(found)
    write_outputs(args.output, reach_features(found), content, map_options)
    if args.json:
        say(json_text(reach_record(found)))
    else:
        say(reach_report(found))
    options.report_written(args.output, args.json)
    return 0


def _need(args: argparse.Namespace) -> int:
    map_options, plane, catalog = options.checked_inputs(args)
    origins = [catalog.resolve(query) for query in args.origins]
    targets = [catalog.resolve(query) for query in args.target]
    fields = refuel_field_set(catalog, args.refuel_at)
    airways = options.flight_airways(args, plane, origins, fields)
    rows = where_to_refuel(
        plane, origins, targets, refuel_fields=fields, reserve=args.reserve, airways=airways
    )
    features = [f for row in rows if row.plan is not None for f in plan_features(row.plan)]
    title = f"Where must the {plane.name} refuel?"
    write_outputs(args.output, features, content_of(title, need_rows=rows), map_options)
    if args.json:
        say(json_text([need_record(row) for row in rows]))
    else:
        say(need_report(plane, rows, args.reserve))
    options.report_written(args.output, args.json)
    return 0


def _strike(args: argparse.Namespace) -> int:
    map_options, plane, catalog = options.checked_inputs(args)
    weapon = find_weapon(args.weapon)
    check_carried(weapon, plane)
    rule = launch_rule(args.launch_from, plane.operator)
    escort = _escort(args, catalog)
    origin, target = catalog.resolve(args.origin), catalog.resolve(args.target)
    fields = refuel_fields(catalog, args.refuel_at) if args.refuel_at else []
    airways = Airways(strike_overfly(plane, origin, fields, rule, args.overfly))
    strike = plan_strike(
        plane,
        origin,
        target,
        weapon,
        rule,
        escort=escort,
        fields=fields,
        reserve=args.reserve,
        airways=airways,
    )
    write_outputs(args.output, strike_features(strike), strike_content(strike), map_options)
    say(json_text(strike_record(strike)) if args.json else strike_report(strike))
    options.report_written(args.output, args.json)
    return 0


def _escort(args: argparse.Namespace, catalog: routes.SiteCatalog) -> Escort | None:
    if args.escort is None:
        if args.escort_from:
            raise UsageError("--escort-from goes with --escort")
        return None
    fighter = routes.find_aircraft(args.escort)
    return escort_from(catalog, fighter, args.escort_from, "--escort-from")


def _weapons(args: argparse.Namespace) -> int:
    weapons = list(bundled_weapons().values())
    if args.json:
        say(json_text([dataclasses.asdict(weapon) for weapon in weapons]))
        return 0
    rows = [(w.id, w.name, w.kind, f"{w.range_km:,.0f}", ", ".join(w.carriers)) for w in weapons]
    say(format_table(("id", "name", "kind", "range_km", "carriers"), rows))
    say("sources: rangemap weapons --json")
    return 0


def _zones(args: argparse.Namespace) -> int:
    import airspace

    chosen = [zone for zone in airspace.zones() if args.kind in (None, zone.kind)]
    if args.json:
        say(
            json_text(
                [
                    {
                        "id": zone.id,
                        "name": zone.name,
                        "kind": zone.kind,
                        "state": zone.state,
                        "exact": zone.exact,
                        "complete": zone.complete,
                        "edge_rule": zone.edge_rule,
                        "source": zone.source,
                    }
                    for zone in chosen
                ]
            )
        )
        return 0
    rows = [
        (
            zone.id,
            zone.kind,
            zone.state,
            "yes" if zone.exact else "no",
            "yes" if zone.complete else "line",
            zone.name,
        )
        for zone in chosen
    ]
    say(format_table(("id", "kind", "state", "exact", "complete", "name"), rows))
    return 0


def _scenario(args: argparse.Namespace) -> int:
    if args.list or not args.name:
        if args.output:
            raise UsageError("give the scenario to write (see rangemap scenario --list)")
        rows = [(name, load_scenario(name).title) for name in scenario_names()]
        say(format_table(("name", "title"), rows))
        return 0
    check_outputs(args.output, inputs=[Path(args.name)])
    map_options = options.map_options(args)
    scenario = load_scenario(args.name, routes.bundled_sites())
    results = run_scenario(scenario)
    standoff = run_standoff(scenario)
    render_scenario(scenario, results, args.output, map_options, standoff)
    say(f"{scenario.title}\n{scenario.description}\nSource: {scenario.source}\n")
    for line in _scenario_lines(results, standoff):
        say(line)
    options.report_written(args.output, quiet=False)
    return 0


def _scenario_lines(results: Sequence[FlightResult], standoff: StandoffResults) -> list[str]:
    """Each flight's, strike's and reach's answer in one line."""
    lines = [
        f"{r.flight.aircraft.name} from {r.flight.mission.origin.name}: {result_text(r)}"
        for r in results
    ]
    lines += [
        f"{o.task.aircraft.name} from {o.task.origin.name}, {o.task.weapon.name} at "
        f"{o.task.target.name}: {strike_text(o)}"
        for o in standoff.strikes
    ]
    lines += [f"{found.describe()}: {reach_text(found)}" for found in standoff.reaches]
    return lines


def _demo(args: argparse.Namespace) -> int:
    out = Path(args.out_text)
    if not os.fspath(args.out_text).strip():
        raise UsageError("--out names no folder")
    try:
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {shown_path(out)} is a file, not a folder")
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot make folder {shown_path(out)}: {error.strerror}") from None
    map_options = dataclasses.replace(
        DEMO_MAP_OPTIONS, frame=args.frame, dpi=options.checked_dpi(args.dpi)
    )
    summaries = []
    for name in scenario_names():
        scenario = load_scenario(name)
        results = run_scenario(scenario)
        standoff = run_standoff(scenario)
        files = tuple(out / f"{name}{suffix}" for suffix in DEMO_FORMATS)
        check_outputs(files)
        render_scenario(scenario, results, files, map_options, standoff)
        summaries.append(ScenarioSummary(scenario, tuple(results), files, standoff))
        say(f"{scenario.title}")
        for line in _scenario_lines(results, standoff):
            say(f"  {line}")
    index = write_index(out, summaries)
    say(f"\nwrote {len(summaries)} scenarios to {out}/; open {index}")
    return 0
