"""When a timed flight is where: each leg's departure and arrival, the flight's events (take-off,
ADIZ and foreign airspace entries, crossings of the known lines of ADIZs known only in part,
landings) and its positions along the track, flown at the
aircraft's cruise speed from its take-off time, with a turnaround at each refuelling field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from numpy.typing import NDArray

import geo
from routes.catalog import Aircraft
from routes.errors import RoutesError
from routes.legs import Leg
from routes.planning.mission import Plan

__all__ = [
    "TURNAROUND_H_BOUNDS",
    "FlightEvent",
    "LegTimes",
    "Playback",
    "Timeline",
    "timeline",
]

#: Positions are given at most this far apart along the track (km).
SAMPLE_KM = 20.0
#: A timeline event's kind for each kind of zone event.
_KINDS = {
    "enter": "enters",
    "exit": "leaves",
    "inbound": "crosses-inbound",
    "outbound": "crosses-outbound",
}
#: The hours on the ground at a refuelling field taken (from a hot turn to three days).
TURNAROUND_H_BOUNDS = (0.0, 72.0)


@dataclass(frozen=True)
class FlightEvent:
    """Something that happens at one time and place of a flight."""

    time: datetime
    #: take-off, enters, leaves, crosses-inbound, crosses-outbound (a known line of an ADIZ known
    #: only in part), passes, lands-to-refuel, lands
    kind: str
    text: str
    lat: float
    lon: float


@dataclass(frozen=True)
class LegTimes:
    departs: datetime
    arrives: datetime


@dataclass(frozen=True)
class Playback:
    """What a map plays back of one flight: where the aircraft is when (latitudes, continuous
    longitudes, POSIX seconds, in time order), its events, and what the times rest on."""

    aircraft: Aircraft
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    seconds: NDArray[np.float64]
    events: tuple[FlightEvent, ...]
    note: str


@dataclass(frozen=True)
class Timeline:
    """A plan flown from its take-off time: the times of its legs and its events, in order."""

    plan: Plan
    legs: tuple[LegTimes, ...]
    events: tuple[FlightEvent, ...]

    @property
    def start(self) -> datetime:
        return self.legs[0].departs

    @property
    def end(self) -> datetime:
        return self.legs[-1].arrives

    def playback(self) -> Playback:
        """The flight for a map's player, with a note on its speed and turnarounds."""
        plan = self.plan
        note = (
            f"{plan.aircraft.name} timeline: takes off {self.start:%Y-%m-%d %H:%M} UTC, "
            f"flies at {_speed(plan):,.0f} km/h"
        )
        if plan.refuel_stops:
            note += f", {plan.mission.turnaround_h:g} h on the ground at each refuelling field (assumed)"
        return Playback(plan.aircraft, *self.positions(), self.events, note + ".")

    def positions(
        self, step_km: float = SAMPLE_KM
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """Latitudes, continuous longitudes (no jump at 180) and POSIX times (s) along the whole
        flight, at most `step_km` apart in the air; a turnaround is the same place twice."""
        speed = _speed(self.plan)
        lats: list[NDArray[np.float64]] = []
        lons: list[NDArray[np.float64]] = []
        times: list[NDArray[np.float64]] = []
        for number, (leg, when) in enumerate(zip(self.plan.legs, self.legs, strict=True)):
            lat, lon, km = geo.chain_samples(
                [(p.lat, p.lon) for p in leg.track.points], max_segment_km=step_km
            )
            time = when.departs.timestamp() + km / speed * 3600.0
            if number:
                lon = lon + 360.0 * round((lons[-1][-1] - lon[0]) / 360.0)
                if when.departs == self.legs[number - 1].arrives:  # flown through: once
                    lat, lon, time = lat[1:], lon[1:], time[1:]
            lats.append(lat)
            lons.append(lon)
            times.append(time)
        return np.concatenate(lats), np.concatenate(lons), np.concatenate(times)


def timeline(plan: Plan) -> Timeline | None:
    """The plan's timeline, or None where its mission has no take-off time."""
    takeoff = plan.mission.takeoff
    if takeoff is None:
        return None
    speed = _speed(plan)
    operator = plan.aircraft.operator
    clock = takeoff
    legs: list[LegTimes] = []
    first = plan.legs[0].start
    events = [
        FlightEvent(takeoff, "take-off", f"takes off from {first.name}", first.lat, first.lon)
    ]
    for number, leg in enumerate(plan.legs):
        departs = clock
        arrives = departs + timedelta(hours=leg.distance_km / speed)
        legs.append(LegTimes(departs, arrives))
        events += _zone_events(leg, departs, speed, operator)
        end = leg.end
        if leg.ends_with_refuel:
            events.append(
                FlightEvent(
                    arrives, "lands-to-refuel", f"lands at {end.name} to refuel", end.lat, end.lon
                )
            )
            clock = arrives + timedelta(hours=plan.mission.turnaround_h)
            events.append(
                FlightEvent(clock, "take-off", f"takes off from {end.name}", end.lat, end.lon)
            )
        elif number == len(plan.legs) - 1:
            events.append(FlightEvent(arrives, "lands", f"lands at {end.name}", end.lat, end.lon))
        else:
            events.append(FlightEvent(arrives, "passes", f"passes {end.name}", end.lat, end.lon))
            clock = arrives
    return Timeline(plan, tuple(legs), tuple(events))


def _zone_events(
    leg: Leg, departs: datetime, speed: float, operator: str | None
) -> list[FlightEvent]:
    """Entries into and exits from closed ADIZs and other states' airspace along a leg, and
    crossings of the known lines of ADIZs known only in part."""
    events = []
    for event in leg.crossings.events():
        zone = event.zone
        if zone.kind == "sovereign" and zone.state == operator:
            continue
        time = departs + timedelta(hours=event.km / speed)
        text = event.describe(zone.short_name)
        events.append(FlightEvent(time, _KINDS[event.what], text, event.at.lat, event.at.lon))
    return events


def _speed(plan: Plan) -> float:
    speed = plan.aircraft.cruise_kmh
    if speed is None:
        raise RoutesError(
            f"{plan.aircraft.name} has no cruise speed, so its flight cannot be timed"
        )
    return speed
