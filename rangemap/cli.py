"""The `rangemap` command line: one function per subcommand, errors as one line and an exit code.

Exit codes: 0 ok; 2 bad input, or an output that cannot be written (one line on stderr, no file
written); 3 no feasible plan; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM), no file left
half-written. Files named by -o are written before anything is printed, so a closed stdout never
costs them. Signals, stderr and the exit itself are rangemap.main's.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import airspace
import geo
import routes
from basemaps.content import content_of, reach_content, strike_content
from basemaps.frame import Extent
from basemaps.story import FRAMES
from basemaps.web.tiles import NATURAL_EARTH, PROVIDERS
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
from formats.sites import read_sites
from formats.tracks.read import read_track
from rangemap.flown_text import no_plan_text, track_text
from rangemap.main import error_line
from rangemap.outputs import MapOptions, UsageError, check_outputs, write_outputs
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
from routes.airspace_rule import Airways, overfly_for
from routes.bundled import (
    bundled_weapons,
    check_carried,
    find_weapon,
    range_sources,
    with_range_source,
)
from routes.clock import parse_utc
from routes.errors import shown, shown_path
from routes.flown.analysis import LANDING_MODEL, analyse_track
from routes.flown.playback import flown_playback
from routes.legs import Leg
from routes.numbers import number_in, whole_number_in
from routes.planning.fields import FieldSet
from routes.planning.need import NeedRow, where_to_refuel
from routes.planning.planner import Mission, Plan
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
    check_reserve,
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
from routes.standoff.strike import Strike, plan_strike
from routes.timeline import TURNAROUND_H_BOUNDS, timeline

__all__ = ["main"]

EXIT_BAD_INPUT = 2
EXIT_NO_PLAN = 3
EXIT_INTERNAL = 70
DEMO_FORMATS = (".geojson", ".html", ".png")
#: Demo maps open anywhere, with or without a network: Leaflet inlined, Natural Earth base.
DEMO_MAP_OPTIONS = MapOptions(offline=True)
#: The PNG resolutions taken (dots per inch).
DPI_BOUNDS = (50.0, 600.0)
#: Options that take "lat,lon..." coordinates, which may start with a negative latitude (and
#: --fan and --radials-at, whose first azimuth may be negative).
SITE_OPTIONS = (
    "--at",
    "--from",
    "--via",
    "--to",
    "--target",
    "--extent",
    "--fan",
    "--radials-at",
)
_NEGATIVE_COORDINATES = re.compile(r"^-\d*\.?\d+(?:[eE][-+]?\d+)?\s*,", re.ASCII)


class _StoreOnce(argparse.Action):
    """Store an option's value, refusing the option given twice: argparse would keep the last
    value and drop the others silently."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        given = namespace.__dict__.setdefault("_given_once", set())
        if self.dest in given:
            parser.error(f"{option_string} is given more than once: give it once")
        given.add(self.dest)
        setattr(namespace, self.dest, values)


class _InGroups(argparse.Action):
    """Collect options whose order matters (ring's --aircraft ... --at ... groups) as
    (option, value) pairs in `namespace.grouped`."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        grouped = getattr(namespace, "grouped", None) or []
        namespace.grouped = [*grouped, (self.option_strings[0], values)]


class _Parser(argparse.ArgumentParser):
    """argparse with its errors as one line, like every other error of rangemap, and each option
    that takes one value refused when given twice."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)

    def error(self, message: str) -> NoReturn:
        error_line(f"rangemap: error: {message} (see {self.prog} --help)")
        sys.exit(EXIT_BAD_INPUT)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = _join_negative_coordinates(list(sys.argv[1:] if argv is None else argv))
    try:
        args = _parser().parse_args(arguments)
        result: int = args.run(args)
    except routes.NoPlanError as error:
        return _fail(f"rangemap: no plan: {error}", EXIT_NO_PLAN)
    except (geo.GeoError, airspace.AirspaceError, routes.RoutesError, UsageError) as error:
        return _fail(f"rangemap: error: {error}", EXIT_BAD_INPUT)
    except _StdoutError as error:
        return _fail(f"rangemap: error: {error}", EXIT_BAD_INPUT)
    except Exception as error:
        if os.environ.get("RANGEMAP_DEBUG"):
            raise
        return _fail(
            f"rangemap: internal error: {type(error).__name__}: {error} (please report it;"
            " RANGEMAP_DEBUG=1 shows where)",
            EXIT_INTERNAL,
        )
    return result


def _fail(message: str, code: int) -> int:
    """Say what went wrong on stderr, in one line (even a line of a million characters is cut)."""
    error_line(message)
    return code


def _join_negative_coordinates(arguments: list[str]) -> list[str]:
    """`--at -33.9,151.2` as `--at=-33.9,151.2`: argparse would take the value for an option."""
    joined: list[str] = []
    for argument in arguments:
        if joined and joined[-1] in SITE_OPTIONS and _NEGATIVE_COORDINATES.match(argument):
            joined[-1] = f"{joined[-1]}={argument}"
        else:
            joined.append(argument)
    return joined


class _StdoutError(Exception):
    """Standard output could not be written (closed pipe, full disk)."""


def _say(text: str) -> None:
    """Print to stdout; a closed pipe or a full disk becomes one line on stderr and exit 2."""
    if sys.stdout is None:  # started with stdout closed (>&-)
        raise _StdoutError("cannot write to standard output (it is closed)")
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except OSError as error:
        # Stop Python's own flush at exit from failing again on the same stream.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        reason = error.strerror or type(error).__name__
        raise _StdoutError(f"cannot write to standard output ({reason})") from None


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
    sites.add_argument("--tag", type=_text, help="only sites with this tag")
    sites.add_argument("--json", action="store_true", help="JSON for programs")
    _add_sites_option(sites)
    sites.set_defaults(run=_sites)

    ring = commands.add_parser(
        "ring",
        help="one-way reach and combat radius rings, rings at distances, range fans, radials",
        description="Range rings of one aircraft, or of several: each --aircraft (or --range-km) "
        "with the --at bases that follow it, e.g. --aircraft h-6k --at neixiang --aircraft "
        "tu-95ms --at UHBU. Also rings every --every km or at listed --range-km distances, "
        "--fan sectors and --radials, all geodesic on WGS84.",
    )
    _add_aircraft_options(ring, grouped=True)
    ring.add_argument(
        "--at",
        action=_InGroups,
        required=True,
        metavar="SITE",
        help="base of the aircraft named before it (repeatable)",
    )
    ring.add_argument("--mode", choices=MODES, action="append", help="which rings (default both)")
    ring.add_argument(
        "--every",
        action=_StoreOnce,
        type=_number,
        metavar="KM",
        help="also rings every KM km from each base, out to its aircraft's one-way reach",
    )
    ring.add_argument(
        "--radials",
        action=_StoreOnce,
        type=_whole_number,
        metavar="N",
        help="also N geodesic radials from each base, evenly from north, out to its outermost "
        "ring (1 to 360)",
    )
    ring.add_argument(
        "--radials-at",
        metavar="AZ[,AZ...]",
        action=_StoreOnce,
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
    _add_sites_option(ring)
    _add_output_option(ring)
    ring.set_defaults(run=_ring)

    plan = commands.add_parser("plan", help="where to land to refuel on a mission")
    _add_aircraft_options(plan)
    plan.add_argument("--from", dest="origin", required=True, metavar="SITE", help="take-off site")
    plan.add_argument(
        "--via", action="append", default=[], metavar="SITE", help="overflown, in order"
    )
    plan.add_argument("--to", dest="final", metavar="SITE", help="landing site (default: --from)")
    _add_refuel_option(plan)
    _add_overfly_option(plan)
    _add_timing_options(plan)
    plan.add_argument("--json", action="store_true", help="JSON for programs")
    _add_sites_option(plan)
    _add_output_option(plan)
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
        type=_text,
        metavar="NAME",
        help="which flight of a file holding several: its name (a flight_id, callsign, icao24 or "
        "track name) or its number from 1, as the error listing them says",
    )
    _add_aircraft_options(track)
    _add_refuel_option(track)
    _add_overfly_option(track)
    _add_turnaround_option(track)
    track.add_argument("--json", action="store_true", help="JSON for programs")
    _add_sites_option(track)
    _add_output_option(track)
    track.set_defaults(run=_track)

    need = commands.add_parser("need", help="which fields an aircraft needs to reach each target")
    _add_aircraft_options(need)
    need.add_argument("--from", dest="origins", action="append", required=True, metavar="SITE")
    need.add_argument("--target", action="append", required=True, metavar="SITE")
    _add_refuel_option(need)
    _add_overfly_option(need)
    need.add_argument("--json", action="store_true", help="JSON for programs")
    _add_sites_option(need)
    _add_output_option(need)
    need.set_defaults(run=_need)

    reach = commands.add_parser(
        "reach", help="where an aircraft reaches with 0, 1, 2... landings at allowed fields"
    )
    _add_aircraft_options(reach)
    reach.add_argument("--from", dest="origin", required=True, metavar="SITE", help="take-off site")
    _add_refuel_option(reach, every_airport=False)
    reach.add_argument(
        "--landings",
        type=_whole_number,
        default=1,
        metavar="K",
        help=f"bands for 0 to K landings (default 1, at most {MAX_LANDINGS})",
    )
    reach.add_argument(
        "--one-way", action="store_true", help="one way (default: out and back to --from)"
    )
    _add_overfly_option(reach)
    reach.add_argument("--json", action="store_true", help="JSON for programs")
    _add_sites_option(reach)
    _add_output_option(reach)
    reach.set_defaults(run=_reach)

    strike = commands.add_parser(
        "strike", help="where a missile carrier launches at a target from, and the flight there"
    )
    _add_aircraft_options(strike)
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
    _add_refuel_option(strike, every_airport=False)
    _add_overfly_option(strike)
    strike.add_argument("--json", action="store_true", help="JSON for programs")
    _add_sites_option(strike)
    _add_output_option(strike)
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
    _add_output_option(scenario)
    scenario.set_defaults(run=_scenario)

    demo = commands.add_parser(
        "demo", help="every scenario to HTML, PNG and GeoJSON, with an index"
    )
    demo.add_argument("--out", dest="out_text", default="out", help="folder (default: out)")
    _add_figure_options(demo)
    demo.set_defaults(run=_demo)
    return parser


#: The options that say which aircraft flies (each starts or belongs to a ring group).
_AIRCRAFT_OPTIONS = ("--aircraft", "--range-km", "--cruise-kmh", "--range-source")


def _add_aircraft_options(parser: argparse.ArgumentParser, *, grouped: bool = False) -> None:
    """The aircraft options; `grouped`: in order, each aircraft with the bases after it (ring)."""
    action: type[argparse.Action] = _InGroups if grouped else _StoreOnce
    repeat = "; repeatable, each with its own --at" if grouped else ""
    parser.add_argument(
        "--aircraft",
        action=action,
        type=_text,
        metavar="A",
        help=f"catalog id or name (see `rangemap aircraft`){repeat}",
    )
    parser.add_argument(
        "--range-km",
        action=action,
        type=_numbers if grouped else _number,
        metavar="N[,N...]" if grouped else "N",
        help=f"an ad-hoc aircraft's range{repeat}"
        + ("; several (2500,5000): rings at exactly those distances" if grouped else ""),
    )
    parser.add_argument(
        "--cruise-kmh", action=action, type=_number, metavar="V", help="its cruise speed"
    )
    parser.add_argument(
        "--reserve", type=_number, default=0.0, metavar="R", help="fuel reserve fraction"
    )
    parser.add_argument(
        "--range-source",
        action=action,
        type=_text,
        metavar="LABEL",
        help="which published range of a catalog aircraft to use (see `rangemap aircraft`)",
    )


def _add_timing_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--takeoff",
        metavar="TIME",
        help="take-off time, ISO 8601 in UTC (2019-07-22T19:57Z): times the legs, plays the "
        "flight on the map and stamps KML legs",
    )
    _add_turnaround_option(parser)


def _add_turnaround_option(parser: argparse.ArgumentParser) -> None:
    low, high = TURNAROUND_H_BOUNDS
    parser.add_argument(
        "--turnaround-h",
        type=_number,
        default=Mission.turnaround_h,
        metavar="H",
        help=f"hours on the ground at each refuelling field, {low:g} to {high:g} "
        f"(default {Mission.turnaround_h:g}, assumed)",
    )


def _turnaround_h(args: argparse.Namespace) -> float:
    _check_bounds("--turnaround-h", args.turnaround_h, TURNAROUND_H_BOUNDS, "hours")
    return float(args.turnaround_h) + 0.0  # no -0


def _timing(args: argparse.Namespace, plane: routes.Aircraft) -> dict[str, Any]:
    """The mission's take-off time and turnaround, checked (a timed aircraft needs a speed)."""
    turnaround_h = _turnaround_h(args)
    takeoff = None if args.takeoff is None else parse_utc(args.takeoff, "--takeoff")
    if takeoff is not None and plane.cruise_kmh is None:
        hint = "give --cruise-kmh" if args.range_km is not None else "the catalog gives none"
        raise UsageError(f"{plane.name} has no cruise speed to time its flight by ({hint})")
    return {"takeoff": takeoff, "turnaround_h": turnaround_h}


def _output_path(text: str) -> Path:
    """A file to write, as given: Path() would drop a trailing slash ("x.png/" is a folder)."""
    if not text or text.endswith("/") or any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise argparse.ArgumentTypeError(f"{text[:60]!r} is not a file name")
    return Path(text)


def _number(text: str) -> float:
    """An option's number, read as every number of rangemap is (routes.numbers)."""
    try:
        return number_in(text, "")
    except routes.RoutesError as error:
        raise argparse.ArgumentTypeError(str(error).strip()) from None


def _whole_number(text: str) -> int:
    """An option's whole number, read as every number of rangemap is (routes.numbers)."""
    try:
        return whole_number_in(text, "")
    except routes.RoutesError as error:
        raise argparse.ArgumentTypeError(str(error).strip()) from None


def _text(text: str) -> str:
    """An option's text: an empty one is refused rather than taken as if the option were absent."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"{shown(text, 40)} is empty")
    return text


def _codes(text: str) -> str:
    """A comma-separated list of codes, none of them empty ("RU,,KP" and "," are refused)."""
    if not all(code.strip() for code in _text(text).split(",")):
        raise argparse.ArgumentTypeError(f"{shown(text, 40)} holds an empty code")
    return text


def _numbers(text: str) -> tuple[float, ...]:
    """Numbers separated by commas ("2500,5000"), each as _number reads it."""
    numbers = []
    for part in text.split(","):
        try:
            numbers.append(_number(part.strip()))
        except argparse.ArgumentTypeError as error:
            raise argparse.ArgumentTypeError(f"{error} in {shown(text, 60)}") from None
    return tuple(numbers)


def _add_refuel_option(parser: argparse.ArgumentParser, *, every_airport: bool = True) -> None:
    anywhere = (
        ", or any (every airport in airportsdata) or any:RU+KZ (those countries' airports)"
        if every_airport
        else " of the site catalog"
    )
    parser.add_argument(
        "--refuel-at",
        action="append",
        default=[],
        metavar="WHERE",
        help=f"allowed refuelling fields: a tag, a country code, site ids{anywhere}; repeatable",
    )


def _add_overfly_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--overfly",
        action="append",
        type=_codes,
        default=[],
        metavar="STATES",
        help="states whose sovereign airspace the flight may also enter (e.g. RU,KP), or any: "
        "straight geodesics (the default for --range-km). A catalog aircraft keeps out of all but "
        "its operator's and its landing places' airspace; repeatable",
    )


def _airways(
    args: argparse.Namespace,
    plane: routes.Aircraft,
    landings: Sequence[routes.Site],
    fields: FieldSet,
) -> Airways:
    """The flight's airways: what --overfly adds to the operator's and the landing places' states.
    A named refuelling field inside airspace they forbid is refused at once (an airport of the
    whole database there is only out of reach)."""
    overfly = overfly_for(
        plane, landing_at=landings, landing_countries=fields.countries(), extra=args.overfly
    )
    airways = Airways(overfly)
    if fields.named:
        airways.check_sites([fields.site(i) for i in range(len(fields))], "refuelling field")
    return airways


def _add_sites_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sites",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="extra sites (CSV or GeoJSON); repeatable",
    )


def _add_output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tiles",
        default="light",
        metavar="NAME",
        help=f"base map of HTML maps: {', '.join([*PROVIDERS, NATURAL_EARTH])} (default light)",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="self-contained HTML: Leaflet inlined, Natural Earth base, no network request",
    )
    _add_figure_options(parser)
    parser.add_argument(
        "--extent",
        metavar="LAT0,LON0,LAT1,LON1",
        help="show this lat/lon box, running east from LON0 to LON1 (e.g. 20,120,60,-150 spans the"
        " Pacific), instead of the --frame",
    )
    parser.add_argument(
        "-o",
        "--output",
        action="append",
        type=_output_path,
        default=[],
        metavar="FILE",
        help="write the result; the format follows the suffix (repeatable)",
    )


def _add_figure_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--frame",
        choices=FRAMES,
        default="story",
        help="what maps and figures frame: the story (routes and named sites; the rings when there"
        " is nothing else) or the rings whole (default story)",
    )
    parser.add_argument(
        "--dpi",
        type=_number,
        metavar="N",
        help=f"resolution of PNG figures, {DPI_BOUNDS[0]:g} to {DPI_BOUNDS[1]:g} (default 110)",
    )


def _checked_inputs(
    args: argparse.Namespace,
) -> tuple[MapOptions, routes.Aircraft, routes.SiteCatalog]:
    """What every computing command needs, checked before any work: outputs, maps, aircraft, sites."""
    check_outputs(args.output, inputs=getattr(args, "sites", []))
    return _map_options(args), _chosen_aircraft(args), _catalog(args)


def _map_options(args: argparse.Namespace) -> MapOptions:
    if args.tiles not in (*PROVIDERS, NATURAL_EARTH):
        raise UsageError(
            f"unknown tiles {args.tiles!r}; choose one of {', '.join([*PROVIDERS, NATURAL_EARTH])}"
        )
    return MapOptions(
        tiles=args.tiles,
        offline=args.offline,
        frame=args.frame,
        extent=_extent(args.extent),
        dpi=_dpi(args.dpi),
    )


def _dpi(value: float | None) -> float | None:
    if value is not None:
        _check_bounds("--dpi", value, DPI_BOUNDS, "dots per inch")
    return value


def _extent(text: str | None) -> Extent | None:
    """--extent LAT0,LON0,LAT1,LON1 as a box, or a one-line error naming what is wrong."""
    if text is None:
        return None
    parts = text.split(",")
    try:
        if len(parts) != 4:
            raise ValueError("give four numbers: LAT0,LON0,LAT1,LON1")
        lat0, lon0, lat1, lon1 = (_number(part.strip()) for part in parts)
        return Extent.from_corners(lat0=lat0, lon0=lon0, lat1=lat1, lon1=lon1)
    except (ValueError, argparse.ArgumentTypeError) as error:
        raise UsageError(f"--extent {text[:80]!r}: {error}") from None


def _catalog(args: argparse.Namespace) -> routes.SiteCatalog:
    catalog = routes.bundled_sites()
    for path in getattr(args, "sites", []):
        catalog = catalog.merged(read_sites(path))
    return catalog


def _chosen_aircraft(args: argparse.Namespace) -> routes.Aircraft:
    check_reserve(args.reserve)
    if args.range_km is not None:
        if args.aircraft is not None:
            raise UsageError("give --aircraft or --range-km, not both")
        if args.range_source is not None:
            raise UsageError("--range-source goes with --aircraft")
        _check_bounds("--range-km", args.range_km, routes.RANGE_KM_BOUNDS, "km")
        if args.cruise_kmh is not None:
            _check_bounds("--cruise-kmh", args.cruise_kmh, routes.CRUISE_KMH_BOUNDS, "km/h")
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
    plane = routes.find_aircraft(args.aircraft)
    if args.range_source is not None:
        plane = with_range_source(plane, args.range_source)
    return plane


def _check_bounds(option: str, value: float, bounds: tuple[float, float], unit: str) -> None:
    low, high = bounds
    if not (math.isfinite(value) and low <= value <= high):
        raise UsageError(f"{option} {value:g} must be a number from {low:,g} to {high:,g} {unit}")


def _json(data: Any) -> str:
    """JSON for programs: RFC 8259 (no NaN or Infinity), UTF-8 text."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


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
        _say(_json(records))
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
    _say(
        format_table(
            ("id", "name", "range_km", "figure", "cruise_kmh", "operator", "published ranges"),
            rows,
        )
    )
    return 0


def _sites(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    chosen = catalog.tagged(args.tag) if args.tag else list(catalog.values())
    if args.tag and not chosen:
        raise UsageError(f"no site has tag {args.tag!r}")
    if args.json:
        records = [{**dataclasses.asdict(site), "tags": sorted(site.tags)} for site in chosen]
        _say(_json(records))
        return 0
    rows = [
        (s.id, s.name, f"{s.lat:.4f}", f"{s.lon:.4f}", s.country, ",".join(sorted(s.tags)))
        for s in chosen
    ]
    _say(format_table(("id", "name", "lat", "lon", "country", "tags"), rows))
    return 0


def _ring(args: argparse.Namespace) -> int:
    check_outputs(args.output, inputs=args.sites)
    options, catalog = _map_options(args), _catalog(args)
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
    write_outputs(args.output, features, content, options)
    for plane, _ in groups:
        _say(
            f"{plane.name}: range {plane.range_km:,.0f} km ({plane.figure}), "
            f"reserve {args.reserve:.0%}"
        )
    several = len(groups) > 1
    headers = (("aircraft",) if several else ()) + ("site", "name", "ring", "radius_km")
    rows = [((r.aircraft.id,) if several else ()) + _ring_row(r) for r in rings]
    _say(format_table(headers, rows))
    _report_written(args.output, quiet=False)
    return 0


def _ring_row(ring: RangeRing) -> tuple[str, ...]:
    """A ring's row: site, name, what it is, its radius (a fan's sector and distances)."""
    if ring.mode == "fan" and ring.sector is not None:
        start, end = ring.sector
        what, radius = f"fan {start:g}-{end:g}", f"{ring.min_km:,.0f}-{ring.radius_km:,.0f}"
    else:
        what, radius = ring.mode, f"{ring.radius_km:,.0f}"
    return (ring.site.id, ring.site.name, what, radius)


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
        return _chosen_aircraft(single), ()
    for value in given:
        _check_bounds("--range-km", value, routes.RANGE_KM_BOUNDS, "km")
    listed = ",".join(f"{value:g}" for value in given)
    if len(set(given)) < len(given):
        raise UsageError(f"--range-km {listed} lists a distance twice: give each once")
    if args.mode:
        raise UsageError(
            f"--mode goes with an aircraft's range: --range-km {listed} draws rings at exactly "
            "those distances"
        )
    plane = _chosen_aircraft(argparse.Namespace(**{**vars(args), "range_km": max(given)}))
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
    """Each aircraft of `ring` (as the options _chosen_aircraft reads) with its bases: an
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
    options, plane, catalog = _checked_inputs(args)
    mission = Mission(
        origin=catalog.resolve(args.origin),
        waypoints=tuple(catalog.resolve(query) for query in args.via),
        final=catalog.resolve(args.final) if args.final else None,
        **_timing(args, plane),
    )
    fields = refuel_field_set(catalog, args.refuel_at)
    airways = _airways(args, plane, [mission.origin, mission.landing_site], fields)
    plan = plan_with_policy(plane, mission, fields, reserve=args.reserve, airways=airways)
    band = band_with_policy(plane, mission, fields, reserve=args.reserve, airways=airways)
    plan = dataclasses.replace(plan, band=band)
    stops = ", ".join(site.id for site in plan.refuel_stops) or "no refuelling stop"
    title = f"{plane.name} from {mission.origin.name}: {stops}"
    write_outputs(args.output, plan_features(plan), content_of(title, plans=[plan]), options)
    _say(_json(plan_record(plan)) if args.json else _plan_text(plan))
    _report_written(args.output, args.json)
    return 0


def _track(args: argparse.Namespace) -> int:
    check_outputs(args.output, inputs=[Path(args.file)])
    options, plane, catalog = _checked_inputs(args)
    flown = read_track(args.file, flight=args.flight)
    fields = refuel_field_set(catalog, args.refuel_at)
    airways = _airways(args, plane, [], fields)
    analysis = analyse_track(
        flown,
        plane,
        fields=fields,
        reserve=args.reserve,
        airways=airways,
        turnaround_h=_turnaround_h(args),
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
    write_outputs(args.output, features, content, options)
    if args.json:
        _say(_json(track_record(analysis)))
    else:
        _say(track_text(analysis))
        if analysis.diverts is not None:
            _say(_plan_text(plan))
    _report_written(args.output, args.json)
    if analysis.diverts is None:
        return _fail(f"rangemap: no plan: {no_plan_text(analysis, len(fields))}", EXIT_NO_PLAN)
    return 0


def _reach(args: argparse.Namespace) -> int:
    options, plane, catalog = _checked_inputs(args)
    origin = catalog.resolve(args.origin)
    fields = refuel_fields(catalog, args.refuel_at) if args.refuel_at else []
    airways = _airways(args, plane, [origin], FieldSet.from_sites(fields))
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
    write_outputs(args.output, reach_features(found), content, options)
    if args.json:
        _say(_json(reach_record(found)))
    else:
        _say(f"{found.describe()}; usable range {found.usable_km:,.0f} km")
        _say(found.note())
        rows = [
            (str(band.landings), f"{geo.area_km2(band.area):,.0f}", band.describe())
            for band in found.bands
        ]
        _say(format_table(("landings", "area_km2", "opened by"), rows))
    _report_written(args.output, args.json)
    return 0


def _plan_text(plan: Plan) -> str:
    band = plan.band
    stops = ", ".join(f"{s.id} ({s.name})" for s in plan.refuel_stops) or "none"
    rows = [
        (
            leg.start.id,
            leg.end.id + (" (refuel)" if leg.ends_with_refuel else ""),
            f"{leg.distance_km:,.0f}",
            f"{leg.distance_nm:,.0f}",
            f"{leg.detour_km:,.0f}",
            "-" if leg.duration_h is None else f"{leg.duration_h:.1f}",
            f"{leg.cumulative_km:,.0f}",
            _airspace_text(leg, plan.aircraft.operator),
        )
        for leg in plan.legs
    ]
    table = format_table(("from", "to", "km", "NM", "detour", "hours", "total_km", "enters"), rows)
    rule = (
        "straight geodesics (no airspace rule)"
        if plan.overfly.anywhere
        else f"keeps out of all sovereign airspace but {plan.overfly.describe()}"
    )
    return (
        f"{plan.aircraft.name}: usable range {plan.usable_range_km:,.0f} km "
        f"(reserve {plan.reserve:.0%}); {rule}\n"
        f"refuelling stops: {stops}\n{table}\n"
        f"total {plan.total_km:,.0f} km; tightest stretch leaves {plan.min_margin_km:,.0f} km"
        + (
            ""
            if band is None
            else f"\nholds: {band.describe()}; the figure used is {band.published_km:,.0f} km"
        )
        + _timeline_text(plan)
    )


def _timeline_text(plan: Plan) -> str:
    """A timed flight's events, one a line (UTC), after a blank line; nothing if untimed."""
    timed = timeline(plan)
    if timed is None:
        return ""
    lines = [
        f"\ntimeline (UTC, at {plan.aircraft.cruise_kmh:,.0f} km/h, "
        f"{plan.mission.turnaround_h:g} h on the ground at each refuelling field):"
    ]
    lines += [f"  {event.time:%Y-%m-%d %H:%M}  {event.text}" for event in timed.events]
    return "\n".join(lines)


def _airspace_text(leg: Leg, operator: str) -> str:
    """The ADIZs a leg enters and the foreign airspace it flies over, e.g. "ADIZ KR, JP; RU"."""
    adiz = [v.zone.state for v in leg.crossings.visits if v.zone.kind == "adiz" and v.enter]
    foreign = [
        state
        for state, km in leg.crossings.km_by_airspace.items()
        if state not in ("international", operator) and km >= 0.5
    ]
    parts = ([f"ADIZ {', '.join(dict.fromkeys(adiz))}"] if adiz else []) + (
        [", ".join(foreign)] if foreign else []
    )
    return "; ".join(parts) or "-"


def _need(args: argparse.Namespace) -> int:
    options, plane, catalog = _checked_inputs(args)
    origins = [catalog.resolve(query) for query in args.origins]
    targets = [catalog.resolve(query) for query in args.target]
    fields = refuel_field_set(catalog, args.refuel_at)
    airways = _airways(args, plane, origins, fields)
    rows = where_to_refuel(
        plane, origins, targets, refuel_fields=fields, reserve=args.reserve, airways=airways
    )
    features = [f for row in rows if row.plan is not None for f in plan_features(row.plan)]
    title = f"Where must the {plane.name} refuel?"
    write_outputs(args.output, features, content_of(title, need_rows=rows), options)
    if args.json:
        _say(_json([need_record(row) for row in rows]))
    else:
        _say(
            f"{plane.name}: usable range {rows[0].usable_range_km:,.0f} km (reserve {args.reserve:.0%})"
        )
        _say(format_table(_NEED_HEADERS, [_need_cells(row) for row in rows]))
    _report_written(args.output, args.json)
    return 0


_NEED_HEADERS = (
    "target",
    "from",
    "out_and_back_km",
    "unrefuelled",
    "stops",
    "fields",
    "margin_km",
    "holds",
)


def _need_cells(row: NeedRow) -> tuple[str, ...]:
    plan = row.plan
    short = "" if row.short_km is None else f": {row.short_km:,.0f} km short"
    return (
        row.target.id,
        row.origin.id,
        f"{'' if row.out_and_back_exact else '> '}{row.out_and_back_km:,.0f}",
        "yes" if row.reachable_unrefuelled else "no",
        "-" if plan is None else str(len(plan.refuel_stops)),
        f"no plan{short}" if plan is None else (", ".join(s.id for s in plan.refuel_stops) or "-"),
        "-" if plan is None else f"{plan.min_margin_km:,.0f}",
        "-" if row.band is None else row.band.describe(),
    )


def _report_written(paths: Sequence[Path], quiet: bool) -> None:
    if not quiet:
        for path in paths:
            _say(f"wrote {path}")


def _strike(args: argparse.Namespace) -> int:
    options, plane, catalog = _checked_inputs(args)
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
    write_outputs(args.output, strike_features(strike), strike_content(strike), options)
    _say(_json(strike_record(strike)) if args.json else _strike_text(strike))
    _report_written(args.output, args.json)
    return 0


def _escort(args: argparse.Namespace, catalog: routes.SiteCatalog) -> Escort | None:
    if args.escort is None:
        if args.escort_from:
            raise UsageError("--escort-from goes with --escort")
        return None
    fighter = routes.find_aircraft(args.escort)
    return escort_from(catalog, fighter, args.escort_from, "--escort-from")


def _strike_text(strike: Strike) -> str:
    launch = strike.launch
    where = (
        f"launch from the base itself ({strike.origin.id}), {strike.missile_km:,.0f} km from the"
        " target"
        if strike.plan is None
        else f"launch point {launch.lat:.3f}, {launch.lon:.3f}: {strike.missile_km:,.0f} km from"
        " the target"
    )
    lines = [strike.describe(), where]
    if strike.plan is not None:
        lines.append(_plan_text(strike.plan))
    return "\n".join(lines)


def _weapons(args: argparse.Namespace) -> int:
    weapons = list(bundled_weapons().values())
    if args.json:
        _say(_json([dataclasses.asdict(weapon) for weapon in weapons]))
        return 0
    rows = [(w.id, w.name, w.kind, f"{w.range_km:,.0f}", ", ".join(w.carriers)) for w in weapons]
    _say(format_table(("id", "name", "kind", "range_km", "carriers"), rows))
    _say("sources: rangemap weapons --json")
    return 0


def _zones(args: argparse.Namespace) -> int:
    import airspace

    chosen = [zone for zone in airspace.zones() if args.kind in (None, zone.kind)]
    if args.json:
        _say(
            _json(
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
    _say(format_table(("id", "kind", "state", "exact", "complete", "name"), rows))
    return 0


def _scenario(args: argparse.Namespace) -> int:
    if args.list or not args.name:
        if args.output:
            raise UsageError("give the scenario to write (see rangemap scenario --list)")
        rows = [(name, load_scenario(name).title) for name in scenario_names()]
        _say(format_table(("name", "title"), rows))
        return 0
    check_outputs(args.output, inputs=[Path(args.name)])
    options = _map_options(args)
    scenario = load_scenario(args.name, routes.bundled_sites())
    results = run_scenario(scenario)
    standoff = run_standoff(scenario)
    render_scenario(scenario, results, args.output, options, standoff)
    _say(f"{scenario.title}\n{scenario.description}\nSource: {scenario.source}\n")
    for line in _scenario_lines(results, standoff):
        _say(line)
    _report_written(args.output, quiet=False)
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
    options = dataclasses.replace(DEMO_MAP_OPTIONS, frame=args.frame, dpi=_dpi(args.dpi))
    summaries = []
    for name in scenario_names():
        scenario = load_scenario(name)
        results = run_scenario(scenario)
        standoff = run_standoff(scenario)
        files = tuple(out / f"{name}{suffix}" for suffix in DEMO_FORMATS)
        check_outputs(files)
        render_scenario(scenario, results, files, options, standoff)
        summaries.append(ScenarioSummary(scenario, tuple(results), files, standoff))
        _say(f"{scenario.title}")
        for line in _scenario_lines(results, standoff):
            _say(f"  {line}")
    index = write_index(out, summaries)
    _say(f"\nwrote {len(summaries)} scenarios to {out}/; open {index}")
    return 0
