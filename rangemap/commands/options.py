"""What several commands share on the command line: the option types (numbers, whole numbers,
text, coordinates that start with a minus), the actions that refuse an option given twice or
keep ring's options in order, the option groups (aircraft, timing, refuelling fields, overfly,
sites, outputs and figures) and the checks of their values: the aircraft chosen, the site
catalog, the flight's rules, the map options, the lines that say what was written."""

from __future__ import annotations

import argparse
import dataclasses
import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeAlias

import routes
from basemaps.frame import Extent
from basemaps.story import FRAMES
from basemaps.web.tiles import NATURAL_EARTH, PROVIDERS
from formats.sites import read_sites
from rangemap.outputs import MapOptions, UsageError, check_outputs
from rangemap.terminal import BAD_INPUT, error_line, say
from routes.airspace_rule import AirspaceRule, overfly_for
from routes.bundled import with_range_source
from routes.clock import parse_utc
from routes.errors import shown
from routes.numbers import number_in, whole_number_in
from routes.planning.fields import FieldSet
from routes.planning.planner import Mission
from routes.range_model import check_reserve
from routes.timeline import TURNAROUND_H_BOUNDS

__all__ = [
    "DPI_BOUNDS",
    "SITE_OPTIONS",
    "Commands",
    "InGroups",
    "Parser",
    "StoreOnce",
    "add_aircraft_options",
    "add_figure_options",
    "add_json_option",
    "add_output_options",
    "add_overfly_option",
    "add_refuel_option",
    "add_sites_option",
    "add_timing_options",
    "add_turnaround_option",
    "check_bounds",
    "checked_dpi",
    "checked_inputs",
    "checked_turnaround_h",
    "chosen_aircraft",
    "flight_rules",
    "join_negative_coordinates",
    "map_options",
    "nonempty_text",
    "number",
    "option_name",
    "report_written",
    "site_catalog",
    "timing",
    "whole_number",
]

#: The commands' parsers: each command module adds its own to them.
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"
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


class StoreOnce(argparse.Action):
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


class InGroups(argparse.Action):
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


class Parser(argparse.ArgumentParser):
    """argparse with its errors as one line, like every other error of rangemap, and each option
    that takes one value refused when given twice."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, StoreOnce)
        self.register("action", "store", StoreOnce)

    def error(self, message: str) -> NoReturn:
        error_line(f"rangemap: error: {message} (see {self.prog} --help)")
        sys.exit(BAD_INPUT)


def option_name(parameter: str) -> str:
    """A library parameter as the command line calls it: refuel_at is --refuel-at."""
    return "--" + parameter.replace("_", "-")


def join_negative_coordinates(arguments: list[str]) -> list[str]:
    """`--at -33.9,151.2` as `--at=-33.9,151.2`: argparse would take the value for an option."""
    joined: list[str] = []
    for argument in arguments:
        if joined and joined[-1] in SITE_OPTIONS and _NEGATIVE_COORDINATES.match(argument):
            joined[-1] = f"{joined[-1]}={argument}"
        else:
            joined.append(argument)
    return joined


def add_aircraft_options(parser: argparse.ArgumentParser, *, grouped: bool = False) -> None:
    """The aircraft options; `grouped`: in order, each aircraft with the bases after it (ring)."""
    action: type[argparse.Action] = InGroups if grouped else StoreOnce
    repeat = "; repeatable, each with its own --at" if grouped else ""
    parser.add_argument(
        "--aircraft",
        action=action,
        type=nonempty_text,
        metavar="A",
        help=f"catalog id or name (see `rangemap aircraft`){repeat}",
    )
    parser.add_argument(
        "--range-km",
        action=action,
        type=_numbers if grouped else number,
        metavar="N[,N...]" if grouped else "N",
        help=f"an ad-hoc aircraft's range{repeat}"
        + ("; several (2500,5000): rings at exactly those distances" if grouped else ""),
    )
    parser.add_argument(
        "--cruise-kmh", action=action, type=number, metavar="V", help="its cruise speed"
    )
    parser.add_argument(
        "--reserve", type=number, default=0.0, metavar="R", help="fuel reserve fraction"
    )
    parser.add_argument(
        "--range-source",
        action=action,
        type=nonempty_text,
        metavar="LABEL",
        help="which published range of a catalog aircraft to use (see `rangemap aircraft`)",
    )


def add_timing_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--takeoff",
        metavar="TIME",
        help="take-off time, ISO 8601 in UTC (2019-07-22T19:57Z): times the legs, plays the "
        "flight on the map and stamps KML legs",
    )
    add_turnaround_option(parser)


def add_turnaround_option(parser: argparse.ArgumentParser) -> None:
    low, high = TURNAROUND_H_BOUNDS
    parser.add_argument(
        "--turnaround-h",
        type=number,
        default=Mission.turnaround_h,
        metavar="H",
        help=f"hours on the ground at each refuelling field, {low:g} to {high:g} "
        f"(default {Mission.turnaround_h:g}, assumed)",
    )


def checked_turnaround_h(args: argparse.Namespace) -> float:
    check_bounds("--turnaround-h", args.turnaround_h, TURNAROUND_H_BOUNDS, "hours")
    return float(args.turnaround_h) + 0.0  # no -0


def timing(args: argparse.Namespace, plane: routes.Aircraft) -> dict[str, Any]:
    """The mission's take-off time and turnaround, checked (a timed aircraft needs a speed)."""
    turnaround_h = checked_turnaround_h(args)
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


def number(text: str) -> float:
    """An option's number, read as every number of rangemap is (routes.numbers)."""
    try:
        return number_in(text, "")
    except routes.RoutesError as error:
        raise argparse.ArgumentTypeError(str(error).strip()) from None


def whole_number(text: str) -> int:
    """An option's whole number, read as every number of rangemap is (routes.numbers)."""
    try:
        return whole_number_in(text, "")
    except routes.RoutesError as error:
        raise argparse.ArgumentTypeError(str(error).strip()) from None


def nonempty_text(text: str) -> str:
    """An option's text: an empty one is refused rather than taken as if the option were absent."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"{shown(text, 40)} is empty")
    return text


def _codes(text: str) -> str:
    """A comma-separated list of codes, none of them empty ("RU,,KP" and "," are refused)."""
    if not all(code.strip() for code in nonempty_text(text).split(",")):
        raise argparse.ArgumentTypeError(f"{shown(text, 40)} holds an empty code")
    return text


def _numbers(text: str) -> tuple[float, ...]:
    """Numbers separated by commas ("2500,5000"), each as number reads it."""
    numbers = []
    for part in text.split(","):
        try:
            numbers.append(number(part.strip()))
        except argparse.ArgumentTypeError as error:
            raise argparse.ArgumentTypeError(f"{error} in {shown(text, 60)}") from None
    return tuple(numbers)


def add_refuel_option(parser: argparse.ArgumentParser, *, every_airport: bool = True) -> None:
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


def add_overfly_option(parser: argparse.ArgumentParser) -> None:
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


def flight_rules(
    args: argparse.Namespace,
    plane: routes.Aircraft,
    landings: Sequence[routes.Site],
    fields: FieldSet | Sequence[routes.Site],
) -> routes.FlightRules:
    """The flight's rules: the aircraft, its refuelling fields, --reserve, and the airspace of
    the operator's and the landing places' states with what --overfly adds. A named refuelling
    field inside airspace they forbid is refused at once (an airport of the whole database there
    is only out of reach)."""
    rules = routes.FlightRules(plane, fields, args.reserve)
    field_set = rules.field_set
    overfly = overfly_for(
        plane, landing_at=landings, landing_countries=field_set.countries(), extra=args.overfly
    )
    rule = AirspaceRule(overfly)
    if field_set.named:
        rule.check_sites([field_set.site(i) for i in range(len(field_set))], "refuelling field")
    return dataclasses.replace(rules, airspace_rule=rule)


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """--json: the answer as JSON for programs instead of text for people."""
    parser.add_argument("--json", action="store_true", help="JSON for programs")


def add_sites_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sites",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="extra sites (CSV or GeoJSON); repeatable",
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tiles",
        default="light",
        metavar="NAME",
        help=f"base map of HTML maps: {', '.join([*PROVIDERS, NATURAL_EARTH])} (default light)",
    )
    parser.add_argument(
        "--cdn",
        action="store_true",
        help="HTML maps load Leaflet from its CDN: a smaller file that needs the network (by "
        "default a map carries Leaflet and opens anywhere)",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="accepted for older scripts and changes nothing: every map opens offline "
        "(--tiles natural-earth asks no tile server at all)",
    )
    add_figure_options(parser)
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


def add_figure_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--frame",
        choices=FRAMES,
        default="story",
        help="what maps and figures frame: the story (routes and named sites; the rings when there"
        " is nothing else) or the rings whole (default story)",
    )
    parser.add_argument(
        "--dpi",
        type=number,
        metavar="N",
        help=f"resolution of PNG figures, {DPI_BOUNDS[0]:g} to {DPI_BOUNDS[1]:g} (default 110)",
    )


def checked_inputs(
    args: argparse.Namespace,
) -> tuple[MapOptions, routes.Aircraft, routes.SiteCatalog]:
    """What every computing command needs, checked before any work: outputs, maps, aircraft, sites."""
    check_outputs(args.output, inputs=getattr(args, "sites", []))
    return map_options(args), chosen_aircraft(args), site_catalog(args)


def map_options(args: argparse.Namespace) -> MapOptions:
    if args.tiles not in (*PROVIDERS, NATURAL_EARTH):
        raise UsageError(
            f"unknown tiles {args.tiles!r}; choose one of {', '.join([*PROVIDERS, NATURAL_EARTH])}"
        )
    return MapOptions(
        tiles=args.tiles,
        cdn=args.cdn,
        frame=args.frame,
        extent=_extent(args.extent),
        dpi=checked_dpi(args.dpi),
    )


def checked_dpi(value: float | None) -> float | None:
    if value is not None:
        check_bounds("--dpi", value, DPI_BOUNDS, "dots per inch")
    return value


def _extent(text: str | None) -> Extent | None:
    """--extent LAT0,LON0,LAT1,LON1 as a box, or a one-line error naming what is wrong."""
    if text is None:
        return None
    parts = text.split(",")
    try:
        if len(parts) != 4:
            raise ValueError("give four numbers: LAT0,LON0,LAT1,LON1")
        lat0, lon0, lat1, lon1 = (number(part.strip()) for part in parts)
        return Extent.from_corners(lat0=lat0, lon0=lon0, lat1=lat1, lon1=lon1)
    except (ValueError, argparse.ArgumentTypeError) as error:
        raise UsageError(f"--extent {text[:80]!r}: {error}") from None


def site_catalog(args: argparse.Namespace) -> routes.SiteCatalog:
    catalog = routes.bundled_sites()
    for path in getattr(args, "sites", []):
        catalog = catalog.merged(read_sites(path))
    return catalog


def chosen_aircraft(args: argparse.Namespace) -> routes.Aircraft:
    check_reserve(args.reserve)
    if args.range_km is not None:
        if args.aircraft is not None:
            raise UsageError("give --aircraft or --range-km, not both")
        if args.range_source is not None:
            raise UsageError("--range-source goes with --aircraft")
        check_bounds("--range-km", args.range_km, routes.RANGE_KM_BOUNDS, "km")
        if args.cruise_kmh is not None:
            check_bounds("--cruise-kmh", args.cruise_kmh, routes.CRUISE_KMH_BOUNDS, "km/h")
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


def check_bounds(option: str, value: float, bounds: tuple[float, float], unit: str) -> None:
    low, high = bounds
    if not (math.isfinite(value) and low <= value <= high):
        raise UsageError(f"{option} {value:g} must be a number from {low:,g} to {high:,g} {unit}")


def report_written(paths: Sequence[Path], quiet: bool) -> None:
    if not quiet:
        for path in paths:
            say(f"wrote {path}")
