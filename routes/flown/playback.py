"""A flown track with times, played back on a map as it was flown: its own times, its zone
entries and exits and crossings of known ADIZ lines, and where the aircraft would leave it to land."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

import geo
from routes.flown.analysis import FlownAnalysis, TrackEvent
from routes.timeline import SAMPLE_KM, FlightEvent, Playback

__all__ = ["flown_playback"]

#: A timeline event's kind for each kind of track event (as routes.timeline names them).
_KINDS = {
    "start": "start",
    "end": "end",
    "inside": "enters",
    "enter": "enters",
    "exit": "leaves",
    "inbound": "crosses-inbound",
    "outbound": "crosses-outbound",
}


def flown_playback(analysis: FlownAnalysis) -> Playback | None:
    """The track as flown, or None if it has no times."""
    times = analysis.track.times
    if times is None:
        return None
    track = analysis.track
    lat, lon, km = geo.chain_samples(
        list(zip(track.lat.tolist(), track.lon.tolist(), strict=True)), max_segment_km=SAMPLE_KM
    )
    seconds = np.interp(km, analysis.along_km, times)
    events = tuple(_event(analysis, event) for event in analysis.events)
    start, end = (datetime.fromtimestamp(float(t), UTC) for t in (times[0], times[-1]))
    note = (
        f"{analysis.aircraft.name} on the flown track: its own times, "
        f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC"
    )
    if analysis.diverts:
        note += "; the landings it would need are drawn, not played"
    return Playback(analysis.aircraft, lat, lon, seconds, events, note + ".")


def _event(analysis: FlownAnalysis, event: TrackEvent) -> FlightEvent:
    seconds = analysis.time_at(event.km)
    assert seconds is not None  # the track has times
    text = {"start": "track starts", "end": "track ends"}.get(event.what, event.describe())
    if event.divert is not None:
        text = f"would leave the track here: {text}"
    return FlightEvent(
        datetime.fromtimestamp(seconds, UTC),
        _KINDS.get(event.what, event.what),
        text,
        float(event.point.lat),
        float(event.point.lon),
    )
