"""Tracks from GeoJSON, read as a stream of JSON events (ijson): no document is built, so memory
holds the points and one feature's scalar properties, whatever the file's size or shape.

A LineString or MultiLineString feature gives one run per line, with its times from a `times` or
`coordTimes` property (one list, or one list per part), or, for rangemap's own plan and track legs,
from `departs` and `arrives` (the times between at constant speed along the leg; a divert, marked
`"flown": false`, is not part of the track). With no line in the file, Point features give the
track, in order, each with its `time`. A bare LineString or MultiLineString geometry is a track too.
Flights are told apart by `flight_id`, else `callsign` and `icao24`, else `aircraft` (rangemap's).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

import geo
from formats.inputs import open_binary
from formats.json_events import Event, json_events
from formats.tracks.points import Gathered, Run, TrackFileError, track_time
from routes.errors import RoutesError, shown
from routes.numbers import latitude_in, longitude_in

__all__ = ["read_geojson_track"]

_LINES = ("LineString", "MultiLineString")
_TOP = ("FeatureCollection", "Feature", *_LINES)
_KEYS = (("flight_id",), ("callsign", "icao24"), ("aircraft",))
_TIMES = ("times", "coordTimes")
_SCALARS = ("string", "number", "boolean", "null")


@dataclass
class _Shape:
    """A geometry's type and its positions, checked, in parts (a part per line, or one)."""

    kind: str = ""
    depth: int = 0
    parts: list[tuple[array[float], array[float]]] = field(default_factory=list)


@dataclass
class _Feature:
    """What a feature gives a track: its geometry, scalar properties and streamed times."""

    where: str
    shape: _Shape | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    times: array[float] | None = None
    time_parts: list[int] = field(default_factory=list)
    odd_properties: bool = False


def read_geojson_track(file: Path, gathered: Gathered, max_bytes: int) -> None:
    """Add the file's runs to `gathered`, each feature checked as it is read."""
    with open_binary(file, "track file", TrackFileError, max_bytes=max_bytes) as stream:
        events = json_events(
            stream, lambda problem: TrackFileError(f"track file {gathered.name} is {problem}")
        )
        _Reader(events, gathered).document()


class _Reader:
    """Reads the events of one GeoJSON document into `gathered`'s runs."""

    def __init__(self, events: Iterator[Event], gathered: Gathered) -> None:
        self._events, self._gathered = events, gathered
        self._points = Gathered(gathered.source, gathered.max_points)
        self._point_runs: dict[tuple[str, ...], Run] = {}
        self._features = 0

    def _next(self) -> Event:
        return next(self._events)

    def document(self) -> None:
        event, _ = self._next()
        if event != "start_map":
            raise TrackFileError(
                f"track file {self._gathered.name} is not a GeoJSON Feature, FeatureCollection, "
                "LineString or MultiLineString"
            )
        root = _Feature("feature 1")
        kind, listed, bare = None, False, _Shape()
        for key in self._keys():
            if key == "type":
                kind = self._scalar()
            elif key == "features":
                listed = self._feature_list()
            elif key == "geometry":
                root.shape = self._geometry(root.where)
            elif key == "coordinates":
                self._coordinates(bare, "the geometry")
            elif key == "properties":
                self._properties(root)
            else:
                self._skip()
        if kind not in _TOP:
            raise TrackFileError(
                f"track file {self._gathered.name} is not a GeoJSON Feature, FeatureCollection, "
                "LineString or MultiLineString"
            )
        if kind == "FeatureCollection" and not listed:
            raise TrackFileError(f"the features of track file {self._gathered.name} are not a list")
        if kind == "Feature":
            self._feature_done(root)
        elif kind in _LINES:
            bare.kind = str(kind)
            self._feature_done(_Feature("the geometry", bare))
        if not self._gathered.runs:
            self._gathered.runs = self._points.runs

    def _keys(self) -> Iterator[str]:
        """The keys of the map just started; the caller reads each one's value."""
        while True:
            event, value = self._next()
            if event == "end_map":
                return
            yield str(value)

    def _scalar(self) -> Any:
        event, value = self._next()
        if event in _SCALARS:
            return value
        self._skip_open(event)
        return None

    def _skip(self) -> None:
        self._skip_open(self._next()[0])

    def _skip_open(self, event: str) -> None:
        """Skip the rest of a value whose first event was `event`, however deep (no recursion)."""
        depth = 1 if event in ("start_map", "start_array") else 0
        while depth:
            event, _ = self._next()
            if event in ("start_map", "start_array"):
                depth += 1
            elif event in ("end_map", "end_array"):
                depth -= 1

    def _feature_list(self) -> bool:
        event, _ = self._next()
        if event != "start_array":
            self._skip_open(event)
            return False
        while True:
            event, _ = self._next()
            if event == "end_array":
                return True
            self._features += 1
            feature = _Feature(f"feature {self._features}")
            if event != "start_map":
                self._skip_open(event)
                continue
            for key in self._keys():
                if key == "geometry":
                    feature.shape = self._geometry(feature.where)
                elif key == "properties":
                    self._properties(feature)
                else:
                    self._skip()
            self._feature_done(feature)

    def _geometry(self, where: str) -> _Shape | None:
        event, _ = self._next()
        if event != "start_map":
            self._skip_open(event)
            return None
        shape = _Shape()
        for key in self._keys():
            if key == "type":
                shape.kind = str(self._scalar())
            elif key == "coordinates":
                self._coordinates(shape, where)
            else:
                self._skip()
        return shape

    def _coordinates(self, shape: _Shape, where: str) -> None:
        """Positions as they come, each checked: an array of scalars is a position (at depth 1
        for a Point, 2 for a LineString, 3 for a MultiLineString), and for a MultiLineString
        each array at depth 2 starts a part."""
        event, _ = self._next()
        if event != "start_array":
            self._skip_open(event)
            return
        depth, opened, part_started = 1, True, False
        numbers: list[Any] = []
        while depth:
            event, value = self._next()
            if event == "start_array":
                depth += 1
                numbers, opened = [], True
                part_started = part_started or depth == 2
                continue
            if event == "end_array":
                if numbers or (opened and depth > 1):  # an empty inner array: a bad position
                    self._position(shape, numbers, depth, where, part_started)
                    part_started = False
                numbers = []
                depth -= 1
            elif event in _SCALARS:
                numbers.append(value)
            else:
                raise self._gathered.error("no [lon, lat] position", where)
            opened = False

    def _position(
        self, shape: _Shape, numbers: list[Any], depth: int, where: str, new_part: bool
    ) -> None:
        shape.depth = shape.depth or depth
        parts = shape.parts
        at = f"{where}, position {sum(len(lat) for lat, _ in parts) + 1}"
        if depth != shape.depth or not 2 <= len(numbers) <= 3:
            raise self._gathered.error("no [lon, lat] position", at)
        if not parts or (depth == 3 and new_part):
            parts.append((array("d"), array("d")))
        try:
            lon, lat = longitude_in(numbers[0]), latitude_in(numbers[1])
        except RoutesError as error:
            raise self._gathered.error(str(error), at) from None
        parts[-1][0].append(lat)
        parts[-1][1].append(lon)
        self._gathered.count(at)

    def _properties(self, feature: _Feature) -> None:
        """Scalar properties kept, `times`/`coordTimes` read time by time, the rest skipped."""
        event, _ = self._next()
        if event == "null":
            return
        if event != "start_map":
            self._skip_open(event)
            feature.odd_properties = True
            return
        for key in self._keys():
            if key in _TIMES and feature.times is None:
                self._times(feature)
            else:
                event, value = self._next()
                if event in _SCALARS:
                    feature.properties[key] = value
                else:
                    self._skip_open(event)

    def _times(self, feature: _Feature) -> None:
        """A list of times, or a list of lists (one per part, as coordTimes of a MultiLineString)."""
        event, _ = self._next()
        if event == "null":  # as if there were none
            return
        times: array[float] = array("d")
        feature.times = times
        if event != "start_array":
            raise self._gathered.error("times that are not a list of times", feature.where)
        depth = 1
        while depth:
            event, value = self._next()
            if event == "start_array":
                depth += 1
                feature.time_parts.append(0)
            elif event == "end_array":
                depth -= 1
            elif event == "start_map" or depth > 2:
                raise self._gathered.error("times that are not a list of times", feature.where)
            else:
                at = f"{feature.where}, position {len(times) + 1}"
                try:
                    times.append(track_time(value))
                except RoutesError as error:
                    raise self._gathered.error(str(error), at) from None
                if depth == 2:
                    feature.time_parts[-1] += 1

    def _feature_done(self, feature: _Feature) -> None:
        """Hand a whole feature's positions over as runs."""
        where, shape, properties = feature.where, feature.shape, feature.properties
        if shape is None or shape.kind not in (*_LINES, "Point"):
            return
        if feature.odd_properties:
            raise self._gathered.error("properties that are not an object", where)
        key = _key(properties)
        name = " ".join(filter(None, key))
        if shape.kind == "Point":
            self._point(feature, key, name)
            return
        if properties.get("flown") is False:  # a divert of rangemap's track output
            return
        if (shape.kind == "LineString" and shape.depth not in (0, 2)) or (
            shape.kind == "MultiLineString" and shape.depth not in (0, 3)
        ):
            raise self._gathered.error(f"coordinates that are not those of a {shape.kind}", where)
        times = self._line_times(feature)
        start = 0
        for number, (lat, lon) in enumerate(shape.parts, start=1):
            label = f"{where} part {number}" if shape.kind == "MultiLineString" else where
            run = self._gathered.run(label, key=key, name=name)
            run.extend(lat, lon, None if times is None else times[start : start + len(lat)])
            start += len(lat)

    def _line_times(self, feature: _Feature) -> array[float] | None:
        """The line's times: its `times` (per part or not), or else from `departs`/`arrives`."""
        shape, where = feature.shape, feature.where
        assert shape is not None
        lengths = [len(lat) for lat, _ in shape.parts]
        count = sum(lengths)
        if feature.times is not None:
            if feature.time_parts and feature.time_parts != lengths:
                raise self._gathered.error(
                    "times whose lists are not as long as the line's parts", where
                )
            if len(feature.times) != count:
                raise self._gathered.error(
                    f"times that are not a list of {count:,} times, one per position", where
                )
            return feature.times
        departs, arrives = feature.properties.get("departs"), feature.properties.get("arrives")
        if (departs is None and arrives is None) or not count:
            return None
        try:
            start, end = track_time(departs, "departs"), track_time(arrives, "arrives")
        except RoutesError as error:
            raise self._gathered.error(str(error), where) from None
        if end < start:
            raise self._gathered.error(f"arrives {shown(arrives)} before it departs", where)
        return array("d", _along(shape, start, end))

    def _point(self, feature: _Feature, key: tuple[str, ...], name: str) -> None:
        shape = feature.shape
        assert shape is not None
        if shape.depth != 1 or not shape.parts:
            raise self._gathered.error("no [lon, lat] position", feature.where)
        run = self._point_runs.get(key)
        if run is None:
            run = self._point_runs[key] = self._points.run(
                feature.where, key=key, name=name, unit="feature", numbered=True
            )
        lat, lon = shape.parts[0]
        time = feature.properties.get("time")
        run.add(lat[0], lon[0], time, feature.where, self._features or 1)


def _key(properties: dict[str, Any]) -> tuple[str, ...]:
    """Who flew: the first of flight_id, callsign and icao24, or aircraft that the feature gives."""
    for names in _KEYS:
        values = tuple(str(properties.get(name) or "").strip() for name in names)
        if any(values):
            return values
    return ()


def _along(shape: _Shape, start: float, end: float) -> Any:
    """Times from `start` to `end` at the line's positions, in proportion to the distance flown."""
    lat = np.concatenate([np.frombuffer(part) for part, _ in shape.parts])
    lon = np.concatenate([np.frombuffer(part) for _, part in shape.parts])
    steps = geo.distance_km(lat1=lat[:-1], lon1=lon[:-1], lat2=lat[1:], lon2=lon[1:])
    along = np.concatenate([[0.0], np.cumsum(steps)])
    share = along / along[-1] if along[-1] > 0.0 else np.zeros_like(along)
    return (start + (end - start) * share).tolist()
