"""A flown track's analysis as text for people: what the track is, whether the aircraft flies it
unrefuelled, and its events (zones entered and left, diverts to land) in a table of km and time,
which stays short however many points the track has."""

from __future__ import annotations

from rangemap.tables import format_table
from routes.clock import iso_utc
from routes.errors import shown, shown_path
from routes.flown.analysis import LANDING_MODEL, FlownAnalysis

__all__ = ["no_plan_text", "track_text"]


def track_text(analysis: FlownAnalysis) -> str:
    """The track's summary and its events."""
    track, plane = analysis.track, analysis.aircraft
    times = track.times
    when = "" if times is None else f", {iso_utc(float(times[0]))} to {iso_utc(float(times[-1]))}"
    over = analysis.length_km - analysis.usable_range_km
    verdict = (
        f"yes, {-over:,.0f} km to spare"
        if analysis.unrefuelled
        else f"no, {over:,.0f} km more than its usable range"
    )
    rows = [
        (
            f"{event.km:,.0f}",
            "-" if (seconds := analysis.time_at(event.km)) is None else iso_utc(seconds),
            f"{event.point.lat:.3f}",
            f"{event.point.lon:.3f}",
            event.describe(),
        )
        for event in analysis.events
    ]
    lines = [
        f"track {shown_path(track.source)}{f' flight {shown(track.flight)}' if track.flight else ''}"
        f": {len(track):,} points, {analysis.length_km:,.3f} km "
        f"(the sum of its {len(analysis.legs_km):,} geodesic legs){when}",
        f"{plane.name}: usable range {analysis.usable_range_km:,.0f} km (reserve "
        f"{analysis.reserve:.0%}); unrefuelled: {verdict}",
    ]
    if not analysis.unrefuelled:
        lines.append(f"landing model: {LANDING_MODEL}")
    lines.append(format_table(("km", "time", "lat", "lon", "event"), rows))
    return "\n".join(lines)


def no_plan_text(analysis: FlownAnalysis, fields: int) -> str:
    """Why there is no landing plan, in one line."""
    if not fields:
        return (
            f"the {analysis.aircraft.name} cannot fly the track unrefuelled and no field is allowed"
            " to land at (--refuel-at)"
        )
    return (
        f"the {analysis.aircraft.name} cannot fly the track with landings at the {fields:,} "
        f"allowed fields: it gets at most to km {analysis.farthest_km:,.0f} of "
        f"{analysis.length_km:,.0f}"
    )
