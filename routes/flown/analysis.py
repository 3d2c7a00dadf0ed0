"""A flown track against an aircraft: its length, its airspace crossings, whether the aircraft
could fly it unrefuelled and, if not, where it would have to land.

Landing model: the aircraft takes off at the track's first point with its full usable range and
flies the track. To refuel it breaks off the track at a divert point, flies to an allowed field,
lands (the full usable range again) and flies back to the
point where it left the track, then carries on along it. Divert points lie every
DIVERT_SPACING_KM along the track. The plan has the fewest landings, then the fewest km added.
Diverts are geodesics or, under an airspace rule, the shortest tracks that keep out of forbidden
airspace; a divert point inside forbidden airspace has no divert.

From a divert point the nearest allowed field is always best (the same landings, fewer km, more
fuel on rejoining the track), so a plan is a chain of divert points, found exactly by a sweep over
them in order. Under an airspace rule the sweep starts from straight distances, lower bounds of
the tracks, and makes the diverts of the chain it picks exact until it picks exact ones only.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import airspace
import geo
from airspace import Crossings, Track, Zone, describe_event
from geo import FloatArray, IntArray
from geo.geodesic import wgs84
from routes.airspace_rule import AirspaceRule, Overfly
from routes.catalog import Aircraft, Site
from routes.errors import NoPlanError, RoutesError
from routes.flown.track import FlownTrack
from routes.legs import Leg
from routes.planning.fields import FieldSet, chord_for_km
from routes.planning.mission import TOLERANCE_KM, Mission, Plan, Stretch
from routes.planning.rules import FlightRules

__all__ = [
    "DIVERT_SPACING_KM",
    "LANDING_MODEL",
    "Divert",
    "FlownAnalysis",
    "TrackEvent",
    "analyse_track",
]

#: Divert points lie this far apart along the track (km).
DIVERT_SPACING_KM = 25.0
#: The landing model in words, for help texts and outputs.
LANDING_MODEL = (
    "to refuel, the aircraft breaks off the track, flies to an allowed field, lands (its full "
    "range again) and flies back to where it left the track; "
    f"divert points every {DIVERT_SPACING_KM:g} km along it"
)


@dataclass(frozen=True)
class Divert:
    """A refuelling landing: where the aircraft leaves the track (km along it), the field, and the
    track from there to the field (flown out and back)."""

    at_km: float
    point: Site
    field: Site
    track: Track

    @property
    def distance_km(self) -> float:
        """One way."""
        return self.track.length_km


@dataclass(frozen=True)
class TrackEvent:
    """What happens at a km along the track: start, end, a closed zone entered or left (or already
    in at the start), the known line of a zone known only in part crossed inbound or outbound, or
    a divert to land."""

    km: float
    point: geo.Position
    what: str  # start, end, inside, enter, exit, inbound, outbound or divert
    zone: Zone | None = None
    divert: Divert | None = None
    #: False for sovereign airspace the flight's airspace rule keeps it out of.
    allowed: bool = True

    def describe(self) -> str:
        if self.divert is not None:
            d = self.divert
            return f"off to land at {d.field.id} ({d.field.name}), {d.distance_km:,.0f} km away"
        if self.zone is None:
            return self.what
        name = self.zone.short_name if self.zone.kind == "adiz" else f"{self.zone.state} airspace"
        said = f"in {name}" if self.what == "inside" else describe_event(self.what, name)
        return said + ("" if self.allowed else " (not allowed)")


@dataclass(frozen=True)
class FlownAnalysis:
    """A track checked against an aircraft: its geodesic legs, crossings and landing plan.

    `plan` draws like any plan: the track (cut at the divert points) and the diverts, or the track
    alone when it needs no landing or has no landing plan (`diverts` is None). `leg_times` gives
    each of its legs' (departs, arrives) in seconds since 1970, UTC, where the track has times.
    """

    track: FlownTrack
    aircraft: Aircraft
    reserve: float
    usable_range_km: float
    legs_km: FloatArray
    along_km: FloatArray
    crossings: Crossings
    overfly: Overfly
    diverts: tuple[Divert, ...] | None
    #: How far along the track the aircraft gets at most (the length when it makes it).
    farthest_km: float
    plan: Plan
    leg_times: tuple[tuple[float, float] | None, ...]
    #: For each leg of `plan`: part of the track (True) or a divert to or from a field.
    leg_flown: tuple[bool, ...]
    events: tuple[TrackEvent, ...] = ()

    @property
    def length_km(self) -> float:
        return float(self.along_km[-1])

    @property
    def unrefuelled(self) -> bool:
        return self.length_km <= self.usable_range_km + TOLERANCE_KM

    def time_at(self, km: float) -> float | None:
        """The time at `km` along the track (seconds since 1970, UTC), if the track has times."""
        if self.track.times is None:
            return None
        return float(np.interp(km, self.along_km, self.track.times))


def analyse_track(
    track: FlownTrack, rules: FlightRules, *, turnaround_h: float = Mission.turnaround_h
) -> FlownAnalysis:
    """Measure `track` (sum of its WGS84 geodesic legs), find its airspace crossings and, if it is
    longer than the aircraft's usable range, where it would have to land at the rules' fields
    (see the module's landing model); diverts keep to the airspace rule."""
    aircraft, reserve, rule = rules.aircraft, rules.reserve, rules.airspace_rule
    usable = rules.usable_km
    azimuth, _, metres = wgs84().inv(track.lon[:-1], track.lat[:-1], track.lon[1:], track.lat[1:])
    legs_km = np.asarray(metres, dtype=np.float64) / 1000.0
    along = np.concatenate([[0.0], np.cumsum(legs_km)])
    line = _Line(track, along, np.asarray(azimuth, dtype=np.float64))
    crossed = airspace.crossings(list(zip(track.lat.tolist(), track.lon.tolist(), strict=True)))
    length = float(along[-1])
    diverts: tuple[Divert, ...] | None = ()
    farthest = length
    if length > usable + TOLERANCE_KM:
        diverts, farthest = _diverts(line, rules.field_set, usable, rule)
    plan, builder = _plan(
        line, aircraft, reserve, usable, diverts or (), rule.overfly, turnaround_h
    )
    analysis = FlownAnalysis(
        track=track,
        aircraft=aircraft,
        reserve=reserve,
        usable_range_km=usable,
        legs_km=legs_km,
        along_km=along,
        crossings=crossed,
        overfly=rule.overfly,
        diverts=diverts,
        farthest_km=farthest,
        plan=plan,
        leg_times=tuple(builder.times),
        leg_flown=tuple(builder.flown_legs),
    )
    return _with_events(analysis, line, aircraft.operator)


@dataclass(frozen=True)
class _Line:
    """The track's points, km along it at each and each leg's azimuth: positions at any km."""

    track: FlownTrack
    along: FloatArray
    azimuth: FloatArray

    def at(self, km: FloatArray) -> tuple[FloatArray, FloatArray]:
        """(lat, lon) of the points `km` along the track, on its geodesic legs."""
        leg = np.clip(np.searchsorted(self.along, km, side="right") - 1, 0, len(self.azimuth) - 1)
        lat, lon = self.track.lat, self.track.lon
        lon_at, lat_at, _ = wgs84().fwd(
            lon[leg], lat[leg], self.azimuth[leg], (km - self.along[leg]) * 1000.0
        )
        lat_at, lon_at = np.asarray(lat_at, dtype=np.float64), np.asarray(lon_at, dtype=np.float64)
        first, last = km <= 0.0, km >= self.along[-1]
        lat_at = np.where(first, lat[0], np.where(last, lat[-1], lat_at))
        lon_at = np.where(first, lon[0], np.where(last, lon[-1], lon_at))
        return lat_at, lon_at

    def site(self, km: float) -> Site:
        """A point of the track as a site, named by its km."""
        lat, lon = self.at(np.array([km]))
        if km <= 0.0:
            return Site("track-start", "start of the track", float(lat[0]), float(lon[0]))
        if km >= self.along[-1]:
            return Site("track-end", "end of the track", float(lat[0]), float(lon[0]))
        return Site(f"km{km:.0f}", f"track km {km:,.0f}", float(lat[0]), float(lon[0]))

    def between(self, start_km: float, end_km: float) -> Track:
        """The stretch of the track from `start_km` to `end_km` as a chain of geodesics."""
        first = int(np.searchsorted(self.along, start_km, side="right"))
        last = int(np.searchsorted(self.along, end_km, side="left"))
        lat, lon = self.at(np.array([start_km, end_km]))
        lat = np.concatenate([lat[:1], self.track.lat[first:last], lat[1:]])
        lon = np.concatenate([lon[:1], self.track.lon[first:last], lon[1:]])
        # A point repeated (a logger standing still, or 180 then -180) adds no geodesic.
        _, _, metres = wgs84().inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
        moved = np.concatenate([[True], np.asarray(metres) > 0.0])
        points = tuple(map(geo.Position, lat[moved].tolist(), lon[moved].tolist()))
        straight = float(geo.distance_km(lat1=lat[0], lon1=lon[0], lat2=lat[-1], lon2=lon[-1]))
        return Track(points, end_km - start_km, straight)


def _diverts(
    line: _Line, fields: FieldSet, usable: float, airspace_rule: AirspaceRule
) -> tuple[tuple[Divert, ...] | None, float]:
    """The best landings (None if there are none) and how far along the track it gets at most."""
    length = float(line.along[-1])
    stations = np.linspace(0.0, length, max(1, math.ceil(length / DIVERT_SPACING_KM)) + 1)
    lat, lon = line.at(stations)
    divert_km, nearest = _nearest_fields(fields, lat, lon)
    exact = np.full(len(stations), airspace_rule.overfly.anywhere)
    tracks: dict[int, Track] = {}
    while True:
        chain, farthest = _sweep(stations, divert_km, length, usable + TOLERANCE_KM)
        todo = [i for i in chain or [] if not exact[i]]
        if not todo:
            break
        for i in todo:
            found = _nearest_by_track(fields, line.site(float(stations[i])), usable, airspace_rule)
            divert_km[i], nearest[i] = found[0], found[1]
            if found[2] is not None:
                tracks[i] = found[2]
            exact[i] = True
    if chain is None:
        return None, farthest
    diverts = []
    for i in chain:
        point, to = line.site(float(stations[i])), fields.site(int(nearest[i]))
        track = tracks.get(i) or Track(
            (geo.Position(point.lat, point.lon), geo.Position(to.lat, to.lon)),
            float(divert_km[i]),
            float(divert_km[i]),
        )
        diverts.append(Divert(float(stations[i]), point, to, track))
    return tuple(diverts), farthest


def _nearest_fields(
    fields: FieldSet, lat: FloatArray, lon: FloatArray
) -> tuple[FloatArray, IntArray]:
    """The km to the nearest field from each point (WGS84), and its index (-1: no field).

    The nearest on the sphere gives an upper bound; every field within it (a KD-tree on the
    sphere, with a radius that surely holds it) is then measured on the ellipsoid.
    """
    if not len(fields):
        return np.full(len(lat), np.inf), np.full(len(lat), -1, dtype=np.intp)
    xyz = geo.unit_vectors(lat, lon)
    _, first = fields.tree.query(xyz)
    bound = geo.distance_km(lat1=lat, lon1=lon, lat2=fields.lat[first], lon2=fields.lon[first])
    groups = fields.tree.query_ball_point(xyz, [chord_for_km(float(km)) for km in bound])
    point = np.repeat(np.arange(len(lat)), [len(group) for group in groups])
    candidate = np.concatenate([np.asarray(group, dtype=np.intp) for group in groups])
    km = np.asarray(
        geo.distance_km(
            lat1=lat[point], lon1=lon[point], lat2=fields.lat[candidate], lon2=fields.lon[candidate]
        )
    )
    order = np.lexsort((km, point))
    best = order[np.searchsorted(point[order], np.arange(len(lat)))]
    return km[best], candidate[best]


def _nearest_by_track(
    fields: FieldSet, point: Site, usable: float, airspace_rule: AirspaceRule
) -> tuple[float, int, Track | None]:
    """The km to the nearest field from `point` as the flight's airspace rule allows (at most `usable`; inf
    if none, or if `point` lies in airspace the flight may not enter), its index and track."""
    try:
        airspace_rule.check_sites([point], "divert point")
    except RoutesError:
        return math.inf, -1, None
    xyz = geo.unit_vectors(np.array([point.lat]), np.array([point.lon]))
    candidate = np.asarray(
        fields.tree.query_ball_point(xyz[0], chord_for_km(usable)), dtype=np.intp
    )
    straight = fields.distances_to(point.lat, point.lon)[candidate] if candidate.size else candidate
    best: tuple[float, int, Track | None] = (math.inf, -1, None)
    for index in np.argsort(straight, kind="stable").tolist():
        if straight[index] >= min(best[0], usable + TOLERANCE_KM):
            break
        try:
            track = airspace_rule.track(
                point, fields.site(int(candidate[index])), within_km=min(best[0], usable)
            )
        except NoPlanError:
            continue
        if track.length_km < best[0]:
            best = (track.length_km, int(candidate[index]), track)
    return best


def _sweep(
    along: FloatArray, divert: FloatArray, length: float, reach: float
) -> tuple[list[int] | None, float]:
    """The divert points of the best plan (fewest landings, then fewest km added), in order, or
    None; and how far along the track the aircraft gets at most.

    A landing via point i leaves the aircraft at km along[i] with reach - divert[i] km to go: the
    next landing, via j, is in reach if divert[i] - along[i] <= reach - along[j] - divert[j].
    """
    count = len(along)
    landings = np.full(count, -1, dtype=np.intp)
    added = np.full(count, np.inf)
    before = np.full(count, -1, dtype=np.intp)
    key = divert - along
    for j in range(count):
        limit = reach - along[j] - divert[j]
        if limit >= 0.0:
            landings[j], added[j] = 1, 2.0 * divert[j]
            continue
        ok = np.flatnonzero((landings[:j] >= 0) & (key[:j] <= limit))
        if ok.size:
            ok = ok[landings[ok] == landings[ok].min()]
            best = ok[np.argmin(added[ok])]
            landings[j], added[j], before[j] = (
                landings[best] + 1,
                added[best] + 2.0 * divert[j],
                best,
            )
    reached = np.flatnonzero(landings >= 0)
    farthest = min(length, max([reach, *(along[reached] + reach - divert[reached]).tolist()]))
    if length <= reach:
        return [], length
    ends = reached[key[reached] <= reach - length]
    if not ends.size:
        return None, farthest
    ends = ends[landings[ends] == landings[ends].min()]
    chain = [int(ends[np.argmin(added[ends])])]
    while before[chain[-1]] >= 0:
        chain.append(int(before[chain[-1]]))
    return chain[::-1], length


def _plan(
    line: _Line,
    aircraft: Aircraft,
    reserve: float,
    usable: float,
    diverts: Sequence[Divert],
    overfly: Overfly,
    turnaround_h: float,
) -> tuple[Plan, _Legs]:
    """The track with its diverts as a Plan, and its legs with their times where the track has
    them.

    Times: the track's own, later by the diverts flown before (at cruise speed, or for an
    aircraft without one at the track's mean speed) and `turnaround_h` on the ground at each
    field.
    """
    length = float(line.along[-1])
    start, end = line.site(0.0), line.site(length)
    builder = _Legs(line, aircraft, length, turnaround_h)
    stretches = []
    # The stretch flying now: where it took off, the point it rejoined the track at, the km flown.
    took_off: tuple[Site, ...] = (start,)
    from_km, carried = 0.0, 0.0
    for divert in diverts:
        builder.flown(from_km, divert.at_km, divert.point)
        builder.divert(divert, out=True)
        builder.divert(divert, out=False)
        flown = carried + divert.at_km - from_km + divert.distance_km
        stretches.append(Stretch((*took_off, divert.point, divert.field), flown))
        took_off = (divert.field, divert.point)
        from_km, carried = divert.at_km, divert.distance_km
    builder.flown(from_km, length, end)
    stretches.append(Stretch((*took_off, end), carried + length - from_km))
    plan = Plan(
        aircraft,
        Mission(origin=start, final=end, turnaround_h=turnaround_h),
        reserve,
        usable,
        tuple(stretches),
        tuple(builder.legs),
        overfly,
    )
    return plan, builder


class _Legs:
    """Legs of a flown track's plan, in order, with their times."""

    def __init__(self, line: _Line, aircraft: Aircraft, length: float, turnaround_h: float) -> None:
        self.turnaround_s = turnaround_h * 3600.0
        self.line = line
        self.legs: list[Leg] = []
        self.times: list[tuple[float, float] | None] = []
        self.flown_legs: list[bool] = []
        self.cruise_kmh = aircraft.cruise_kmh
        self.delay_s: float | None = 0.0
        times = line.track.times
        hours = 0.0 if times is None else (times[-1] - times[0]) / 3600.0
        self.speed_kmh = self.cruise_kmh or (length / hours if hours > 0.0 else None)
        self.here = line.site(0.0)

    def _time(self, km: float) -> float | None:
        times = self.line.track.times
        if times is None or self.delay_s is None:
            return None
        return float(np.interp(km, self.line.along, times)) + self.delay_s

    def _add(
        self, end: Site, track: Track, refuel: bool, times: tuple[float, float] | None, flown: bool
    ) -> None:
        if track.length_km <= 0.0:
            if refuel and self.legs:
                self.legs[-1] = dataclasses.replace(self.legs[-1], end=end, ends_with_refuel=True)
            self.here = end
            return
        total = (self.legs[-1].cumulative_km if self.legs else 0.0) + track.length_km
        duration = (
            (times[1] - times[0]) / 3600.0
            if times is not None
            else (track.length_km / self.cruise_kmh if self.cruise_kmh else None)
        )
        first, second = track.points[0], track.points[1]
        bearing = geo.initial_azimuth_deg(
            lat1=first.lat, lon1=first.lon, lat2=second.lat, lon2=second.lon
        )
        self.legs.append(
            Leg(
                start=self.here,
                end=end,
                distance_km=track.length_km,
                straight_km=track.straight_km,
                initial_bearing_deg=float(np.mod(bearing, 360.0)),
                duration_h=duration,
                cumulative_km=total,
                ends_with_refuel=refuel,
                track=track,
            )
        )
        self.times.append(times)
        self.flown_legs.append(flown)
        self.here = end

    def flown(self, from_km: float, to_km: float, end: Site) -> None:
        departs, arrives = self._time(from_km), self._time(to_km)
        times = None if departs is None or arrives is None else (departs, arrives)
        self._add(end, self.line.between(from_km, to_km), False, times, True)

    def divert(self, divert: Divert, *, out: bool) -> None:
        departs = self._time(divert.at_km)
        times = None
        if departs is not None and self.speed_kmh is not None:
            times = (departs, departs + divert.distance_km / self.speed_kmh * 3600.0)
            ground = self.turnaround_s if out else 0.0  # on the field, before flying back
            self.delay_s = (self.delay_s or 0.0) + times[1] - times[0] + ground
        elif departs is not None:
            self.delay_s = None
        track = (
            divert.track
            if out
            else Track(divert.track.points[::-1], divert.track.length_km, divert.track.straight_km)
        )
        self._add(divert.field if out else divert.point, track, out, times, False)


def _with_events(analysis: FlownAnalysis, line: _Line, operator: str) -> FlownAnalysis:
    """The analysis with its events in order: start, closed zones entered and left (ADIZs, and
    sovereign airspace other than the operator's), known ADIZ lines crossed, diverts, end. Only a
    closed zone can be the one the track starts in."""
    lat, lon = line.track.lat, line.track.lon
    start = geo.Position(float(lat[0]), float(lon[0]))
    allowed = analysis.overfly.states
    events = [TrackEvent(0.0, start, "start")]
    for visit in analysis.crossings.visits:
        zone = visit.zone
        if visit.enter is None and not (zone.kind == "sovereign" and zone.state == operator):
            events.append(TrackEvent(0.0, start, "inside", zone, allowed=_allowed(zone, allowed)))
    for event in analysis.crossings.events():
        zone = event.zone
        if zone.kind == "sovereign" and zone.state == operator:
            continue
        fine = _allowed(zone, allowed)
        events.append(TrackEvent(event.km, event.at, event.what, zone, allowed=fine))
    for divert in analysis.diverts or ():
        point = geo.Position(divert.point.lat, divert.point.lon)
        events.append(TrackEvent(divert.at_km, point, "divert", divert=divert))
    end = geo.Position(float(lat[-1]), float(lon[-1]))
    events.append(TrackEvent(analysis.length_km, end, "end"))
    events.sort(key=lambda event: (event.km, _ORDER[event.what]))
    return dataclasses.replace(analysis, events=tuple(events))


#: Events at one km: out of one zone before into the next.
_ORDER = {
    "start": 0,
    "inside": 1,
    "exit": 2,
    "outbound": 2,
    "enter": 3,
    "inbound": 3,
    "divert": 4,
    "end": 5,
}


def _allowed(zone: Zone, states: frozenset[str] | None) -> bool:
    """Whether the airspace rule lets the flight into the zone (an ADIZ always)."""
    return zone.kind != "sovereign" or states is None or zone.state in states
