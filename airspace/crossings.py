"""Where a track meets the zones: each stay inside a closed zone, each crossing of a zone known only
as a line, and the km flown in each state's airspace.

A closed zone (a polygon: sovereign airspace, or an ADIZ whose source closes it) is entered and
left. A zone known only in part is a boundary line (`Zone.complete` False): the track crosses it
inbound (towards the side the source marks inside) or outbound, and nothing is said of being in
or out of the zone, since the line does not close it.

A track is a sequence of (lat, lon) points joined by shortest WGS84 geodesics. Candidate crossings
come from geometry: the geodesic is sampled so densely that the lon/lat chords between samples stay
within about half a metre of it (closer near the poles), and the chords are intersected with the
zones' edges, so a short clip of a zone's corner is not missed. Each crossing is then refined on
the geodesic itself, by bisection on the distance along it (to a millimetre) with point-in-zone
tests, or for a boundary line with the side of the segment crossed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
import shapely
from numpy.typing import NDArray

from airspace._index import boundaries, inside, parts
from airspace.errors import InvalidTrackError
from airspace.zones import Zone, zones
from geo import FloatArray, GeoError, IntArray, Position, check_position
from geo.geodesic import wgs84

__all__ = ["Crossings", "LineCrossing", "Visit", "ZoneEvent", "crossings", "describe_event"]


#: Largest distance wanted between a lon/lat chord and the geodesic it stands for.
_CHORD_OFFSET_M = 0.5
_MEAN_RADIUS_M = 6_371_009.0
_COARSE_STEP_M = 50_000.0
_MAX_STEP_M = 10_000.0
_MIN_STEP_M = 100.0
#: No zone reaches this far towards a pole: beyond it, samples are spaced as at this latitude.
_ZONE_FREE_LAT = 86.0
_BISECTIONS = 25
#: Two crossings of one boundary line closer than this are one (a track through a vertex).
_SAME_CROSSING_M = 1.0


EventKind = Literal["enter", "exit", "inbound", "outbound"]


@dataclass(frozen=True)
class ZoneEvent:
    """A zone entered or left (a closed zone), or its known line crossed inbound or outbound, at
    `km` along the track."""

    zone: Zone
    what: EventKind
    at: Position
    km: float

    def describe(self, name: str) -> str:
        """The event in words, with the zone called `name`: "enters Taiwan ADIZ", "crosses the
        known KADIZ line inbound"."""
        return describe_event(self.what, name)


def describe_event(what: str, name: str) -> str:
    """An event in words: enter, exit, inbound or outbound, of the zone called `name`."""
    if what in ("inbound", "outbound"):
        return f"crosses the known {name} line {what}"
    return f"{'enters' if what == 'enter' else 'leaves'} {name}"


@dataclass(frozen=True)
class LineCrossing:
    """One crossing of a zone's known boundary line, `km` along the track: inbound (towards the
    side the source marks inside) or outbound."""

    zone: Zone
    at: Position
    km: float
    inbound: bool

    def event(self) -> ZoneEvent:
        return ZoneEvent(self.zone, "inbound" if self.inbound else "outbound", self.at, self.km)


@dataclass(frozen=True)
class Visit:
    """One stay inside a closed zone, in order along the track.

    ``enter`` is None when the track starts inside (then ``enter_km`` is 0), ``exit`` is None when
    it ends inside (then ``exit_km`` is the track's length). Distances are along the track from
    its start, in km.
    """

    zone: Zone
    enter: Position | None
    exit: Position | None
    enter_km: float
    exit_km: float


@dataclass(frozen=True)
class Crossings:
    """A track's stays in every closed zone, its crossings of every zone known only as a line,
    and the km flown in each state's sovereign airspace.

    ``km_by_airspace`` maps state codes (in the order first entered) and ``"international"`` to
    km; the values add up to ``length_km``.
    """

    length_km: float
    visits: tuple[Visit, ...]
    line_crossings: tuple[LineCrossing, ...]
    km_by_airspace: dict[str, float]

    def events(self) -> tuple[ZoneEvent, ...]:
        """Every entry into and exit from a closed zone and every crossing of a known line, in
        order along the track (a stay's missing end, at the track's start or end, is none)."""
        found = [crossing.event() for crossing in self.line_crossings]
        for visit in self.visits:
            if visit.enter is not None:
                found.append(ZoneEvent(visit.zone, "enter", visit.enter, visit.enter_km))
            if visit.exit is not None:
                found.append(ZoneEvent(visit.zone, "exit", visit.exit, visit.exit_km))
        return tuple(sorted(found, key=lambda event: (event.km, event.zone.id)))


@dataclass(frozen=True)
class _Legs:
    """The geodesics of a track as arrays: starts, ends (to the bit), azimuths and lengths (m)."""

    lat: FloatArray
    lon: FloatArray
    end_lat: FloatArray
    end_lon: FloatArray
    azimuth: FloatArray
    length_m: FloatArray

    def __len__(self) -> int:
        return len(self.length_m)

    def at(self, leg: IntArray, along_m: FloatArray) -> tuple[FloatArray, FloatArray]:
        """(lon, lat) of the points at distances `along_m` along legs `leg` (arrays alike)."""
        lon, lat, _ = wgs84().fwd(self.lon[leg], self.lat[leg], self.azimuth[leg], along_m)
        lon, lat = np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
        start, end = along_m == 0.0, along_m == self.length_m[leg]
        lon = np.where(start, self.lon[leg], np.where(end, self.end_lon[leg], lon))
        lat = np.where(start, self.lat[leg], np.where(end, self.end_lat[leg], lat))
        return lon, lat


@dataclass(frozen=True)
class _Leg:
    """One geodesic of a track: leg `index` of `legs`."""

    legs: _Legs
    index: int

    @property
    def lat(self) -> float:
        return float(self.legs.lat[self.index])

    @property
    def lon(self) -> float:
        return float(self.legs.lon[self.index])

    @property
    def length_m(self) -> float:
        return float(self.legs.length_m[self.index])

    def at(self, along_m: FloatArray) -> tuple[FloatArray, FloatArray]:
        """(lon, lat) of the points at these distances along the leg."""
        return self.legs.at(np.full(along_m.shape, self.index), along_m)


@dataclass(frozen=True)
class _Stay:
    """A stay in a zone, in metres along the track; an end without a crossing (None) is where the
    track, or one of its legs, starts or ends inside."""

    zone: int
    start_m: float
    end_m: float
    enter: Position | None
    exit: Position | None


def crossings(track: Iterable[Sequence[float]]) -> Crossings:
    """Every stay of a track (a sequence of (lat, lon) points) in every closed zone, every
    crossing of a known boundary line, and km per airspace.

    >>> # Vladivostok to the East China Sea through the Korea Strait
    >>> result = crossings([(43.1, 131.9), (34.0, 129.5), (29.0, 125.5)])
    >>> result.visits[0].zone.id
    'sovereign-RU'
    >>> # In across the known KADIZ, JADIZ and Chinese lines; out through the KADIZ line's gap
    >>> [(c.zone.id, c.inbound) for c in result.line_crossings]
    [('adiz-KR', True), ('adiz-JP', True), ('adiz-CN-ECS', True)]
    """
    legs = _legs(_check_track(track))
    chords = _chords(legs, *_samples(legs))
    # Legs whose chords meet no zone's edge stay in the zones their start is in, start to end; only
    # the others are searched for crossings (a dense track of short legs has few of them).
    lines = shapely.linestrings(np.stack([chords.start, chords.end], axis=1))
    crossed = set(chords.leg[boundaries().tree.query(lines, predicate="intersects")[0]].tolist())
    at_start = _zones_at(legs.lon, legs.lat)
    stays: list[_Stay] = []
    events: list[tuple[float, int, bool, Position]] = []
    offset = 0.0
    for index in range(len(legs)):
        length = float(legs.length_m[index])
        if index in crossed:
            leg_stays, leg_events = _leg_crossings(
                _Leg(legs, index), chords.of_leg(index), at_start[index]
            )
        else:
            leg_stays = [_Stay(z, 0.0, length, None, None) for z in sorted(at_start[index])]
            leg_events = []
        stays += [
            _Stay(s.zone, offset + s.start_m, offset + s.end_m, s.enter, s.exit) for s in leg_stays
        ]
        events += [(offset + along, zone, inbound, at) for along, zone, inbound, at in leg_events]
        offset += length
    visits = [_visit(stay) for stay in _joined(stays)]
    visits.sort(key=lambda v: (v.enter_km, v.exit_km, v.zone.id))
    return Crossings(
        length_km=offset / 1000.0,
        visits=tuple(visits),
        line_crossings=_line_crossings_once(events),
        km_by_airspace=_km_by_airspace(visits, offset / 1000.0),
    )


def _check_track(track: Iterable[Sequence[float]]) -> list[Position]:
    try:
        raw = list(track)
    except TypeError:
        raise InvalidTrackError(
            f"a track is a sequence of (lat, lon) points, not a {type(track).__name__}"
        ) from None
    if len(raw) < 2:
        raise InvalidTrackError(f"a track needs at least 2 points, got {len(raw)}")
    points = []
    for index, point in enumerate(raw):
        try:
            lat, lon = point
        except (TypeError, ValueError):
            raise InvalidTrackError(
                f"track point {index} {point!r} is not a (lat, lon) pair"
            ) from None
        try:
            points.append(check_position(lat=lat, lon=lon))
        except GeoError as error:
            raise InvalidTrackError(f"track point {index}: {error}") from None
    return points


def _legs(points: list[Position]) -> _Legs:
    """The track's geodesics of non-zero length."""
    lat = np.array([p.lat for p in points], dtype=np.float64)
    lon = np.array([p.lon for p in points], dtype=np.float64)
    azimuth, _, length = wgs84().inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    azimuth, length = np.asarray(azimuth, dtype=np.float64), np.asarray(length, dtype=np.float64)
    keep = length > 0.0
    return _Legs(
        lat[:-1][keep], lon[:-1][keep], lat[1:][keep], lon[1:][keep], azimuth[keep], length[keep]
    )


def _spread(counts: IntArray) -> tuple[IntArray, IntArray]:
    """For runs of counts[i] items: the run of each item and its place in the run."""
    run = np.repeat(np.arange(len(counts)), counts)
    return run, np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)


def _samples(legs: _Legs) -> tuple[IntArray, FloatArray]:
    """(leg, distance along it) of the points at which the legs' lon/lat chords stay within
    _CHORD_OFFSET_M of them, leg by leg and in order along each.

    A chord of length s at latitude phi is off the geodesic by about s^2 tan|phi| / (8 R); the
    latitude comes from a coarse first pass (0.5 degree spare for the hump between its samples).
    """
    spans = np.maximum(1, np.ceil(legs.length_m / _COARSE_STEP_M)).astype(np.intp)
    leg, k = _spread(spans + 1)
    coarse = legs.length_m[leg] * k / spans[leg]
    _, lat = legs.at(leg, coarse)
    first = np.flatnonzero(k[:-1] < spans[leg[:-1]])  # each coarse interval, by its start
    phi = np.minimum(np.maximum(np.abs(lat[first]), np.abs(lat[first + 1])) + 0.5, _ZONE_FREE_LAT)
    step = np.clip(
        np.sqrt(8.0 * _MEAN_RADIUS_M * _CHORD_OFFSET_M / np.tan(np.radians(phi))),
        _MIN_STEP_M,
        _MAX_STEP_M,
    )
    width = coarse[first + 1] - coarse[first]
    counts = np.ceil(width / step).astype(np.intp)
    interval, j = _spread(counts)
    fine = coarse[first][interval] + width[interval] * j / counts[interval]
    along = np.concatenate([fine, legs.length_m])
    owner = np.concatenate([leg[first][interval], np.arange(len(legs))])
    order = np.argsort(owner, kind="stable")
    return owner[order], along[order]


@dataclass(frozen=True)
class _Chords:
    """Chords between samples, cut at +/-180: their leg, ends (lon, lat) and distances along the
    leg; ordered by leg."""

    leg: IntArray
    start: FloatArray
    end: FloatArray
    start_m: FloatArray
    end_m: FloatArray

    def of_leg(self, index: int) -> _Chords:
        low, high = np.searchsorted(self.leg, [index, index + 1])
        part = slice(int(low), int(high))
        return _Chords(
            self.leg[part], self.start[part], self.end[part], self.start_m[part], self.end_m[part]
        )


def _chords(legs: _Legs, leg: IntArray, along: FloatArray) -> _Chords:
    lon, lat = legs.at(leg, along)
    pair = np.flatnonzero(leg[:-1] == leg[1:])
    owner = leg[pair]
    start = np.column_stack([lon[pair], lat[pair]])
    end = np.column_stack([lon[pair + 1], lat[pair + 1]])
    start_m, end_m = along[pair], along[pair + 1]
    # A chord across the antimeridian becomes two, meeting on it at the same latitude.
    lifted = start[:, 0] + np.mod(end[:, 0] - start[:, 0] + 180.0, 360.0) - 180.0
    cut = np.flatnonzero(np.abs(lifted) > 180.0)
    meridian = np.copysign(180.0, lifted[cut])
    f = (meridian - start[cut, 0]) / (lifted[cut] - start[cut, 0])
    on_cut = np.column_stack([meridian, start[cut, 1] + f * (end[cut, 1] - start[cut, 1])])
    cut_m = start_m[cut] + f * (end_m[cut] - start_m[cut])
    second_start = on_cut * [-1.0, 1.0]
    second_end, second_end_m = end[cut].copy(), end_m[cut].copy()
    end[cut], end_m[cut] = on_cut, cut_m
    owner = np.concatenate([owner, owner[cut]])
    start = np.concatenate([start, second_start])
    end = np.concatenate([end, second_end])
    start_m = np.concatenate([start_m, cut_m])
    end_m = np.concatenate([end_m, second_end_m])
    keep = np.flatnonzero(end_m > start_m)
    keep = keep[np.lexsort((start_m[keep], owner[keep]))]
    return _Chords(owner[keep], start[keep], end[keep], start_m[keep], end_m[keep])


@cache
def _prepared() -> tuple[Zone, ...]:
    everything = zones()
    shapely.prepare([zone.geometry for zone in everything])
    return everything


def _leg_crossings(
    leg: _Leg, chords: _Chords, inside_at_start: set[int]
) -> tuple[list[_Stay], list[tuple[float, int, bool, Position]]]:
    """Stays in polygon zones and crossings of boundary lines along one leg (m from its start),
    from its chords and the polygon zones its start lies in."""
    everything = _prepared()
    lines = shapely.linestrings(np.stack([chords.start, chords.end], axis=1))
    edges = boundaries()
    chord, piece = edges.tree.query(lines, predicate="intersects")
    hits, which = shapely.get_coordinates(
        shapely.intersection(lines[chord], edges.geometries[piece]), return_index=True
    )
    chord, piece = chord[which], piece[which]
    a, b = chords.start[chord], chords.end[chord]
    d = b - a
    f = np.clip(np.einsum("ij,ij->i", hits - a, d) / np.einsum("ij,ij->i", d, d), 0.0, 1.0)
    hit_m = chords.start_m[chord] + f * (chords.end_m[chord] - chords.start_m[chord])
    hit_zone = edges.zone[piece]

    polygon_zones = {int(z) for z in hit_zone if everything[z].inside is None} | inside_at_start
    stays = [
        stay
        for z in sorted(polygon_zones)
        for stay in _polygon_stays(leg, z, hit_m[hit_zone == z], chords, chord[hit_zone == z])
    ]
    lined = np.flatnonzero([everything[z].inside is not None for z in hit_zone])
    events = _line_crossings(leg, chords, chord[lined], piece[lined], edges.geometries)
    return stays, events


def _zones_at(lon: FloatArray, lat: FloatArray) -> list[set[int]]:
    """For each point, the indices of the polygon zones containing it."""
    index = parts()
    point, part = index.tree.query(shapely.points(lon, lat))
    found: list[set[int]] = [set() for _ in range(len(lon))]
    for each in np.unique(part).tolist():
        here = point[part == each]
        within = here[inside(index.geometries[each], lon[here], lat[here])]
        for k in within.tolist():
            found[k].add(int(index.zone[each]))
    return found


def _polygon_stays(
    leg: _Leg, zone: int, hit_m: FloatArray, chords: _Chords, hit_chords: NDArray[np.intp]
) -> list[_Stay]:
    """Stays in one polygon zone along a leg, from point-in-zone tests at the leg's ends, at the ends
    of each chord the zone's edge crosses and between consecutive crossings; each change of
    state between two tested points is then found by bisection on the geodesic."""
    geometry = _prepared()[zone].geometry
    hit_m = np.unique(hit_m)
    probes = np.unique(
        np.concatenate(
            [
                [0.0, leg.length_m],
                chords.start_m[hit_chords],
                chords.end_m[hit_chords],
                (hit_m[:-1] + hit_m[1:]) / 2.0,
            ]
        )
    )
    lon, lat = leg.at(probes)
    within = inside(geometry, lon, lat)
    change = np.flatnonzero(within[:-1] != within[1:])
    low, high = probes[change], probes[change + 1]
    for _ in range(_BISECTIONS):
        middle = (low + high) / 2.0
        mid_lon, mid_lat = leg.at(middle)
        same = inside(geometry, mid_lon, mid_lat) == within[change]
        low, high = np.where(same, middle, low), np.where(same, high, middle)
    cross_m = (low + high) / 2.0
    cross_lon, cross_lat = leg.at(cross_m)
    marks: list[tuple[float, Position | None]] = [
        (float(m), Position(lat=float(y), lon=float(x)))
        for m, x, y in zip(cross_m, cross_lon, cross_lat, strict=True)
    ]
    if within[0]:
        marks.insert(0, (0.0, None))
    if within[-1]:
        marks.append((leg.length_m, None))
    return [
        _Stay(zone, start, end, enter, exit)
        for (start, enter), (end, exit) in zip(marks[::2], marks[1::2], strict=True)
    ]


def _line_crossings(
    leg: _Leg,
    chords: _Chords,
    hit_chords: NDArray[np.intp],
    hit_pieces: NDArray[np.intp],
    geometries: NDArray[np.object_],
) -> list[tuple[float, int, bool, Position]]:
    """Crossings of boundary lines: where the geodesic passes the segment hit, and whether towards
    the side the zone's source marks inside (inbound) or away from it."""
    if len(hit_chords) == 0:
        return []
    segment = shapely.get_coordinates(geometries[hit_pieces]).reshape(-1, 2, 2)
    origin, direction = segment[:, 0], segment[:, 1] - segment[:, 0]

    def side(along: FloatArray, origin: FloatArray, direction: FloatArray) -> FloatArray:
        """Positive left of the segment, negative right (lon/lat, lifted near its start)."""
        lon, lat = leg.at(along)
        dx = np.mod(lon - origin[:, 0] + 180.0, 360.0) - 180.0
        cross: FloatArray = direction[:, 0] * (lat - origin[:, 1]) - direction[:, 1] * dx
        return cross

    low, high = chords.start_m[hit_chords], chords.end_m[hit_chords]
    before, after = side(low, origin, direction), side(high, origin, direction)
    real = np.sign(before) * np.sign(after) < 0.0
    low, high, before = low[real], high[real], before[real]
    origin, direction, pieces = origin[real], direction[real], hit_pieces[real]
    for _ in range(_BISECTIONS):
        middle = (low + high) / 2.0
        same = np.sign(side(middle, origin, direction)) == np.sign(before)
        low, high = np.where(same, middle, low), np.where(same, high, middle)
    cross_m = (low + high) / 2.0
    lon, lat = leg.at(cross_m)
    everything = _prepared()
    owner = boundaries().zone[pieces]
    events = []
    for m, z, left_after, x, y in zip(cross_m, owner, before < 0.0, lon, lat, strict=True):
        inbound = left_after == (everything[z].inside == "left")
        events.append((float(m), int(z), bool(inbound), Position(lat=float(y), lon=float(x))))
    return events


def _joined(stays: list[_Stay]) -> list[_Stay]:
    """Join a stay that ends at the end of a leg with its zone's stay from the next leg's start."""
    joined: list[_Stay] = []
    open_by_zone: dict[int, int] = {}
    for stay in sorted(stays, key=lambda s: (s.start_m, s.zone)):
        before = open_by_zone.get(stay.zone)
        if (
            before is not None
            and stay.enter is None
            and joined[before].exit is None
            and joined[before].end_m == stay.start_m
        ):
            last = joined[before]
            joined[before] = _Stay(last.zone, last.start_m, stay.end_m, last.enter, stay.exit)
            continue
        open_by_zone[stay.zone] = len(joined)
        joined.append(stay)
    return joined


def _visit(stay: _Stay) -> Visit:
    return Visit(
        zone=_prepared()[stay.zone],
        enter=stay.enter,
        exit=stay.exit,
        enter_km=stay.start_m / 1000.0,
        exit_km=stay.end_m / 1000.0,
    )


def _line_crossings_once(
    events: list[tuple[float, int, bool, Position]],
) -> tuple[LineCrossing, ...]:
    """The crossings of boundary lines in order along the track, each once: two of one line in
    the same direction closer than _SAME_CROSSING_M are one (a track through a vertex)."""
    kept: list[LineCrossing] = []
    last: dict[int, tuple[float, bool]] = {}
    for along, zone, inbound, at in sorted(events, key=lambda e: (e[0], e[1])):
        before = last.get(zone)
        if before is not None and before[1] == inbound and along - before[0] < _SAME_CROSSING_M:
            continue
        last[zone] = (along, inbound)
        kept.append(LineCrossing(_prepared()[zone], at, along / 1000.0, inbound))
    return tuple(kept)


def _km_by_airspace(visits: list[Visit], length_km: float) -> dict[str, float]:
    """km inside each state's sovereign airspace, and the rest: the length less the union of all
    sovereign stays (so the values add up to the length only if no two states' zones overlap)."""
    sovereign = [v for v in visits if v.zone.kind == "sovereign"]
    km: dict[str, float] = {}
    for visit in sovereign:
        km[visit.zone.state] = km.get(visit.zone.state, 0.0) + visit.exit_km - visit.enter_km
    covered, reach = 0.0, -math.inf
    for visit in sorted(sovereign, key=lambda v: v.enter_km):
        start = max(visit.enter_km, reach)
        if visit.exit_km > start:
            covered += visit.exit_km - start
        reach = max(reach, visit.exit_km)
    km["international"] = length_km - covered
    return km
