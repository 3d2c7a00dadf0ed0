"""Reading a flown track from a file: CSV, GeoJSON or KML, every point checked, times optional.

- CSV: a header with `lat` and `lon` columns and an optional `time` column.
- GeoJSON: LineString or MultiLineString features (in order, with a `times` or `coordTimes` list
  property), or else Point features in order (with a `time` property); other features are ignored.
- KML: gx:Track elements (`when` and `gx:coord`), or else LineStrings, or else Placemark points
  (with a TimeStamp). Parsed by defusedxml with DTDs refused: no external entity is read and no
  entity is expanded.

Times are ISO 8601, taken as UTC where they carry no offset; a track gives a time for every point
or for none, and its times never go backwards. Every error names the file and the row, feature or
element.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import numpy as np
from numpy.typing import NDArray

from routes.catalog import csv_rows
from routes.clock import iso_utc, parse_utc
from routes.errors import CatalogError, RoutesError
from routes.inputs import open_text, read_bytes, shown, shown_path
from routes.numbers import latitude_in, longitude_in

__all__ = [
    "MAX_TRACK_BYTES",
    "MAX_TRACK_POINTS",
    "FlownTrack",
    "TrackFileError",
    "read_track",
]

#: The largest track file read (a million points of CSV is about 40 MB).
MAX_TRACK_BYTES = 128 * 1024 * 1024
#: The most points a track may have.
MAX_TRACK_POINTS = 1_000_000
_CSV = (".csv",)
_GEOJSON = (".geojson", ".json")
_KML = (".kml",)

FloatArray = NDArray[np.float64]


class TrackFileError(RoutesError):
    """A track file that cannot be read as a track; the message names the file and the place."""


@dataclass(frozen=True)
class FlownTrack:
    """A track as flown: its points in order (degrees) and, if the file gives them, the time at
    each point (UTC, seconds since 1970)."""

    source: str
    lat: FloatArray
    lon: FloatArray
    times: FloatArray | None

    def __len__(self) -> int:
        return len(self.lat)


@dataclass
class _Points:
    """Points gathered from a file, each with where it came from, for messages."""

    source: str
    lat: list[float]
    lon: list[float]
    times: list[float | None]
    where: list[str]

    @property
    def name(self) -> str:
        """The file, as messages show it."""
        return shown_path(self.source)

    def add(self, lat: Any, lon: Any, time: Any, where: str) -> None:
        self.lat.append(self._coordinate(lat, latitude_in, where))
        self.lon.append(self._coordinate(lon, longitude_in, where))
        self.times.append(None if time is None else self._time(time, where))
        self.where.append(where)
        if len(self.lat) > MAX_TRACK_POINTS:
            raise self.error(f"more than {MAX_TRACK_POINTS:,} points", where)

    def error(self, problem: str, where: str) -> TrackFileError:
        return TrackFileError(f"{problem} in {where} of track file {self.name}")

    def _coordinate(self, value: Any, read: Callable[[object], float], where: str) -> float:
        try:
            return read(value)
        except RoutesError as error:
            raise self.error(str(error), where) from None

    def _time(self, value: Any, where: str) -> float:
        if not isinstance(value, str):
            raise self.error(f"time {shown(value)} is not an ISO 8601 text", where)
        try:
            return parse_utc(value, "time").timestamp()
        except RoutesError as error:
            raise self.error(str(error), where) from None

    def track(self) -> FlownTrack:
        """The points as a track, checked as a whole."""
        if len(self.lat) < 2:
            count = "no point" if not self.lat else "a single point"
            raise TrackFileError(f"track file {self.name} holds {count}: a track needs two or more")
        lat, lon = np.array(self.lat), np.array(self.lon)
        same_meridian = np.mod(lon - lon[0], 360.0) == 0.0  # 180 is -180
        if np.all(lat == lat[0]) and np.all(same_meridian | (np.abs(lat) == 90.0)):
            raise TrackFileError(
                f"the track in track file {self.name} never leaves its first point"
            )
        timed = [time is not None for time in self.times]
        if not any(timed):
            return FlownTrack(self.source, lat, lon, None)
        if not all(timed):
            first = timed.index(not timed[0])
            raise self.error(
                "a time is missing (give one for every point or for none)"
                if timed[0]
                else "a time is given where the points before have none",
                self.where[first],
            )
        times = np.array(self.times, dtype=np.float64)
        back = np.flatnonzero(np.diff(times) < 0.0)
        if back.size:
            at = int(back[0]) + 1
            raise self.error(
                f"time {iso_utc(times[at])} comes before {iso_utc(times[at - 1])}, the time of the "
                "point before",
                self.where[at],
            )
        return FlownTrack(self.source, lat, lon, times)


def read_track(path: str | Path) -> FlownTrack:
    """The track in a CSV, GeoJSON or KML file (by its suffix); TrackFileError names what is wrong."""
    file = Path(path)
    suffix = file.suffix.lower()
    points = _Points(str(file), [], [], [], [])
    if suffix not in (*_CSV, *_GEOJSON, *_KML):
        raise TrackFileError(
            f"track file {points.name} is of an unknown format: give a .csv, .geojson (or .json) "
            "or .kml file"
        )
    try:
        if suffix in _CSV:
            _read_csv(file, points)
        else:
            text = read_bytes(file, "track file", TrackFileError, max_bytes=MAX_TRACK_BYTES)
            if suffix in _GEOJSON:
                _read_geojson(text.decode("utf-8-sig"), points)
            else:
                _read_kml(text, points)
    except UnicodeDecodeError as error:
        raise TrackFileError(
            f"track file {points.name} is not UTF-8 text (byte {error.start} of a block)"
        ) from None
    return points.track()


def _read_csv(file: Path, points: _Points) -> None:
    with open_text(file, "track file", TrackFileError, max_bytes=MAX_TRACK_BYTES) as stream:
        try:
            for where, row in csv_rows(stream, points.name, ("lat", "lon")):
                time = row.get("time") or None
                points.add(row.get("lat", ""), row.get("lon", ""), time, where)
        except CatalogError as error:
            raise TrackFileError(f"track file {error}") from None


def _read_geojson(text: str, points: _Points) -> None:
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise TrackFileError(
            f"track file {points.name} is nested too deeply to be GeoJSON"
        ) from None
    except ValueError as error:
        raise TrackFileError(f"track file {points.name} is not JSON ({error})") from None
    kind = data.get("type") if isinstance(data, dict) else None
    if kind not in ("FeatureCollection", "Feature"):
        raise TrackFileError(
            f"track file {points.name} is not a GeoJSON Feature or FeatureCollection"
        )
    features = data.get("features") if kind == "FeatureCollection" else [data]
    if not isinstance(features, list):
        raise TrackFileError(f"the features of track file {points.name} are not a list")
    found: dict[str, list[tuple[int, dict[str, Any], dict[str, Any]]]] = {"line": [], "point": []}
    for number, item in enumerate(features, start=1):
        geometry = item.get("geometry") if isinstance(item, dict) else None
        shape = geometry.get("type") if isinstance(geometry, dict) else None
        group = {"LineString": "line", "MultiLineString": "line", "Point": "point"}.get(str(shape))
        if group is not None and isinstance(geometry, dict) and isinstance(item, dict):
            properties = item.get("properties") or {}
            if not isinstance(properties, dict):
                raise points.error("properties that are not an object", f"feature {number}")
            found[group].append((number, geometry, properties))
    if found["line"]:
        for number, geometry, properties in found["line"]:
            _add_line(geometry, properties, f"feature {number}", points)
    else:
        for number, geometry, properties in found["point"]:
            where = f"feature {number}"
            lon, lat = _position(geometry.get("coordinates"), where, points)
            points.add(lat, lon, properties.get("time"), where)


def _add_line(
    geometry: dict[str, Any], properties: dict[str, Any], where: str, points: _Points
) -> None:
    """The positions of a LineString or MultiLineString feature, with its times if it has any."""
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list):
        raise points.error("no list of coordinates", where)
    runs = coordinates if geometry["type"] == "MultiLineString" else [coordinates]
    if not all(isinstance(run, list) for run in runs):
        raise points.error("a MultiLineString whose parts are not lists of positions", where)
    positions = [position for run in runs for position in run]
    times = properties.get("times", properties.get("coordTimes"))
    if isinstance(times, list) and times and all(isinstance(item, list) for item in times):
        # coordTimes of a MultiLineString: one list per part, as long as the part.
        if [len(run) for run in times] != [len(run) for run in runs]:
            raise points.error("times whose lists are not as long as the line's parts", where)
        times = [time for run in times for time in run]
    if times is not None and (not isinstance(times, list) or len(times) != len(positions)):
        raise points.error(
            f"times that are not a list of {len(positions):,} times, one per position", where
        )
    for index, position in enumerate(positions):
        at = f"{where}, position {index + 1}"
        lon, lat = _position(position, at, points)
        points.add(lat, lon, None if times is None else times[index], at)


def _position(value: Any, where: str, points: _Points) -> tuple[Any, Any]:
    if not isinstance(value, list) or not 2 <= len(value) <= 3:
        raise points.error("no [lon, lat] position", where)
    return value[0], value[1]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _read_kml(data: bytes, points: _Points) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise TrackFileError(
            f"track file {points.name} declares a DTD or entities, which are refused (they could "
            "read other files or expand without end)"
        ) from None
    except ParseError as error:
        line, column = error.position
        raise TrackFileError(
            f"track file {points.name} is not well-formed XML (line {line}, column {column})"
        ) from None
    if _local(root) != "kml":
        raise TrackFileError(f"track file {points.name} is not KML (its root is not <kml>)")
    elements = list(root.iter())
    tracks = [element for element in elements if _local(element) == "Track"]
    lines = [element for element in elements if _local(element) == "LineString"]
    if tracks:
        for number, track in enumerate(tracks, start=1):
            _add_kml_track(track, f"gx:Track {number}", points)
    elif lines:
        for number, line in enumerate(lines, start=1):
            where = f"LineString {number}"
            for index, text in enumerate(_text_of(line, "coordinates").split(), start=1):
                lon, lat = _tuple(text, f"{where}, coordinate {index}", points)
                points.add(lat, lon, None, f"{where}, coordinate {index}")
    else:
        marks = [element for element in elements if _local(element) == "Placemark"]
        for number, mark in enumerate(marks, start=1):
            where = f"Placemark {number}"
            point = next((e for e in mark.iter() if _local(e) == "Point"), None)
            if point is None:
                continue
            lon, lat = _tuple(_text_of(point, "coordinates").strip(), where, points)
            stamp = next((e for e in mark.iter() if _local(e) == "TimeStamp"), None)
            time = None if stamp is None else _text_of(stamp, "when")
            points.add(lat, lon, time, where)


def _add_kml_track(track: Element, where: str, points: _Points) -> None:
    """A gx:Track's points, each `gx:coord` ("lon lat alt") with its `when`, if any."""
    whens = [child.text or "" for child in track if _local(child) == "when"]
    coords = [child.text or "" for child in track if _local(child) == "coord"]
    if whens and len(whens) != len(coords):
        raise points.error(f"{len(whens):,} <when> for {len(coords):,} <gx:coord>", where)
    for index, text in enumerate(coords):
        at = f"{where}, coord {index + 1}"
        parts = text.split()
        if not 2 <= len(parts) <= 3:
            raise points.error(f"{shown(text)} is not 'lon lat [alt]'", at)
        points.add(parts[1], parts[0], whens[index] if whens else None, at)


def _tuple(text: str, where: str, points: _Points) -> tuple[str, str]:
    parts = text.split(",")
    if not 2 <= len(parts) <= 3:
        raise points.error(f"{shown(text)} is not 'lon,lat[,alt]'", where)
    return parts[0], parts[1]


def _text_of(element: Element, name: str) -> str:
    """The text of `element`'s first child called `name` (any namespace), or ""."""
    child = next((c for c in element if _local(c) == name), None)
    return "" if child is None else child.text or ""


def _local(element: Element) -> str:
    """A tag without its namespace: "{http://www.opengis.net/kml/2.2}Point" is "Point"."""
    return str(element.tag).rsplit("}", 1)[-1]
