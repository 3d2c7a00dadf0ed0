"""`rangemap track`: a flown track measured, its airspace crossings, whether the aircraft flies it
unrefuelled and, if not, where it would land."""

from __future__ import annotations

import argparse
from pathlib import Path

from basemaps.content import content_of
from formats.flown_features import track_features
from formats.records import track_record
from formats.tracks.read import MAX_TRACK_POINTS, read_track
from rangemap.commands import options
from rangemap.commands.answers import Answer, deliver
from rangemap.flown_text import no_plan_text, track_text
from rangemap.outputs import check_outputs
from rangemap.reports import plan_report
from rangemap.terminal import NO_PLAN
from routes.flown.analysis import LANDING_MODEL, analyse_track
from routes.flown.playback import flown_playback
from routes.planning.policy import refuel_field_set

__all__ = ["add_track", "run_track", "track_answer"]


def add_track(commands: options.Commands) -> None:
    """Add `rangemap track` to the commands."""
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
    options.add_json_option(track)
    options.add_sites_option(track)
    options.add_output_options(track)
    track.set_defaults(run=run_track)


def run_track(args: argparse.Namespace) -> int:
    """Analyse the flown track; exit 3 where no landing plan flies it."""
    check_outputs(args.output, inputs=[Path(args.file)])
    return deliver(args, track_answer(args))


def track_answer(args: argparse.Namespace, *, max_points: int = MAX_TRACK_POINTS) -> Answer:
    """The flown track analysed: its length, crossings and where the aircraft would land (a
    file of more than `max_points` points is refused)."""
    map_options, plane, catalog = options.checked_inputs(args)
    flown = read_track(args.file, flight=args.flight, max_points=max_points)
    fields = refuel_field_set(catalog, args.refuel_at)
    analysis = analyse_track(
        flown,
        options.flight_rules(args, plane, [], fields),
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
    text = track_text(analysis)
    if analysis.diverts is not None:
        text += "\n" + plan_report(plan)
    landed = analysis.diverts is not None
    return Answer(
        record=track_record(analysis),
        text=text,
        features=lambda: track_features(analysis),  # seconds at 200,000 points: only for files
        content=content,
        map_options=map_options,
        complaint=None if landed else f"rangemap: no plan: {no_plan_text(analysis, len(fields))}",
        code=0 if landed else NO_PLAN,
    )
