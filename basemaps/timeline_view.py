"""The data a map's timeline player needs: each timed flight's positions and times, in the map's
longitudes, and its events, for basemaps/assets/timeline.js."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from basemaps.content import MapContent
from routes.timeline import Timeline, timeline

__all__ = ["timeline_data"]

#: The slider takes at most about this many steps from the first take-off to the last landing.
_STEPS = 480
_MINUTE_MS = 60_000


def timeline_data(content: MapContent, center: float) -> dict[str, Any] | None:
    """The timed flights of `content` (None if there is none), with longitudes in the map's frame
    (within 180 degrees of `center` where each flight starts, continuous after)."""
    routes = Counter(plan.aircraft.id for plan in content.plans)
    seen: Counter[str] = Counter()
    flights, events = [], []
    for plan in content.plans:
        seen[plan.aircraft.id] += 1
        found = timeline(plan)
        if found is None:
            continue
        name = plan.aircraft.name
        if routes[plan.aircraft.id] > 1:  # numbered as the map's layers are
            name += f" (route {seen[plan.aircraft.id]})"
        flights.append(_flight(found, name, content.colour(plan.aircraft), center))
        events += [(_ms(event.time.timestamp()), name, event.text) for event in found.events]
    if not flights:
        return None
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


def _flight(found: Timeline, name: str, colour: str, center: float) -> dict[str, Any]:
    lat, lon, seconds = found.positions()
    lon = lon - 360.0 * math.floor((lon[0] - center + 180.0) / 360.0)
    return {
        "name": name,
        "colour": colour,
        "coordinates": [
            [round(x, 4), round(y, 4)] for x, y in zip(lon.tolist(), lat.tolist(), strict=True)
        ],
        "times": [_ms(t) for t in seconds.tolist()],
    }


def _ms(seconds: float) -> int:
    """POSIX milliseconds, to the second (as the times are shown)."""
    return round(seconds) * 1000
