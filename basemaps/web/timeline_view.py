"""The data a map's timeline player needs: each played-back flight's positions and times, in the
map's longitudes, and its events, for basemaps/web/assets/timeline.js."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from basemaps.content import MapContent
from routes.timeline import Playback

__all__ = ["timeline_data"]

#: The slider takes at most about this many steps from the first take-off to the last landing.
_STEPS = 480
_MINUTE_MS = 60_000


def timeline_data(content: MapContent, center: float) -> dict[str, Any] | None:
    """The flights `content` plays back (None if none), with longitudes in the map's frame
    (within 180 degrees of `center` where each flight starts, continuous after)."""
    if not content.playbacks:
        return None
    several = Counter(playback.aircraft.id for playback in content.playbacks)
    seen: Counter[str] = Counter()
    flights, events = [], []
    for playback in content.playbacks:
        aircraft = playback.aircraft
        seen[aircraft.id] += 1
        name = aircraft.name
        if several[aircraft.id] > 1:  # numbered as the map's route layers are
            name += f" (route {seen[aircraft.id]})"
        flights.append(_flight(playback, name, content.colour(aircraft), center))
        events += [(_ms(event.time.timestamp()), name, event.text) for event in playback.events]
    start = min(flight["times"][0] for flight in flights)
    end = max(flight["times"][-1] for flight in flights)
    step = max(1, math.ceil((end - start) / _STEPS / _MINUTE_MS)) * _MINUTE_MS
    return {
        "flights": flights,
        "events": [
            {"time": time, "text": f"{name}: {text}" if len(flights) > 1 else text}
            for time, name, text in sorted(events, key=lambda event: event[0])
        ],
        "start": start,
        "end": end,
        "step": step,
    }


def _flight(playback: Playback, name: str, colour: str, center: float) -> dict[str, Any]:
    lon = playback.lon - 360.0 * math.floor((playback.lon[0] - center + 180.0) / 360.0)
    return {
        "name": name,
        "colour": colour,
        "coordinates": [
            [round(x, 4), round(y, 4)]
            for x, y in zip(lon.tolist(), playback.lat.tolist(), strict=True)
        ],
        "times": [_ms(t) for t in playback.seconds.tolist()],
    }


def _ms(seconds: float) -> int:
    """POSIX milliseconds, to the second (as the times are shown)."""
    return round(seconds) * 1000
