"""`rangemap ring`: range rings of one aircraft or several (each --aircraft with the --at bases
after it), rings every --every km or at listed distances, range fans and radials."""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import math
from typing import Any

import geo
import routes
from basemaps.content import content_of
from formats.features import radial_feature, ring_feature, site_feature
from formats.records import ring_record
from rangemap.commands import options
from rangemap.commands.answers import Answer, deliver
from rangemap.outputs import UsageError, check_outputs
from rangemap.reports import ring_report
from routes.errors import shown
from routes.numbers import number_in
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

__all__ = ["MAX_EVERY_RINGS", "add_ring", "ring_answer", "run_ring"]


def add_ring(commands: options.Commands) -> None:
    """Add `rangemap ring` to the commands."""
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
    options.add_json_option(ring)
    options.add_sites_option(ring)
    options.add_output_options(ring)
    ring.set_defaults(run=run_ring)


def run_ring(args: argparse.Namespace) -> int:
    """Draw every aircraft group's rings, fans and radials."""
    return deliver(args, ring_answer(args))


def ring_answer(args: argparse.Namespace) -> Answer:
    """Every aircraft group's rings, fans and radials."""
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
    planes = ", ".join(dict.fromkeys(plane.name for plane, _ in groups))
    title = f"{planes}: range rings from {', '.join(b.name for b in bases)}"
    return Answer(
        record=ring_record(rings, spokes),
        text=ring_report([plane for plane, _ in groups], rings, args.reserve),
        features=lambda: [
            *(ring_feature(r) for r in rings),
            *(radial_feature(r) for r in spokes),
            *(site_feature(b, "base") for b in bases),
        ],
        content=content_of(title, rings=rings, radials=spokes),
        map_options=map_options,
    )


#: The options that say which aircraft flies (each starts or belongs to a ring group).
_AIRCRAFT_OPTIONS = ("--aircraft", "--range-km", "--cruise-kmh", "--range-source")


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
