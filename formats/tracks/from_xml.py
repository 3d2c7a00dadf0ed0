"""Tracks from KML and GPX, parsed as a stream (defusedxml's iterparse, DTDs refused): each element
is read when it ends and then dropped, so memory holds the points, never the document.

- KML: each gx:Track is a run (its `when` and `gx:coord`, in any order), or else each LineString,
  or else the Placemark points in order (each with its TimeStamp).
- GPX: each track segment (`trkseg`) is a run of its `trkpt` points and their `time`; the segments
  of a track (`trk`) are one aircraft's, different tracks different aircraft's.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from formats.inputs import open_binary
from formats.tracks.points import Gathered, Run, TrackFileError, track_time
from routes.errors import RoutesError, shown
from routes.numbers import latitude_in, longitude_in

__all__ = ["read_gpx_track", "read_kml_track"]

_WORDS = re.compile(r"\S+")


def _events(stream: BinaryIO, gathered: Gathered, root: str) -> Iterator[tuple[str, Element, str]]:
    """(event, element, its parent's tag) of the document, "start" and "end"; each element
    ended is dropped from
    its parent once the caller has read it (so none piles up), and one-line errors for XML that
    is not well-formed, declares a DTD or entities, or has another root than `root`."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    stack: list[Element] = []
    try:
        for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if not stack and _local(element) != root:
                    raise TrackFileError(
                        f"track file {gathered.name} is not {root.upper()} (its root is not "
                        f"<{root}>)"
                    )
                yield event, element, _local(stack[-1]) if stack else ""
                stack.append(element)
                continue
            stack.pop()
            yield event, element, _local(stack[-1]) if stack else ""
            element.clear()
            if stack:
                stack[-1].remove(element)
    except DefusedXmlException:
        raise TrackFileError(
            f"track file {gathered.name} declares a DTD or entities, which are refused (they could "
            "read other files or expand without end)"
        ) from None
    except ParseError as error:
        line, column = error.position
        raise TrackFileError(
            f"track file {gathered.name} is not well-formed XML (line {line}, column {column})"
        ) from None


@dataclass
class _Track:
    """A gx:Track being read: its coordinates and times, each checked as it ends."""

    where: str
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
    times: array[float] = field(default_factory=lambda: array("d"))


@dataclass
class _Placemark:
    number: int
    name: str = ""
    point: tuple[str, str] | None = None
    time: str | None = None


def read_kml_track(file: Path, gathered: Gathered, max_bytes: int) -> None:
    """Add the KML file's runs to `gathered`: its gx:Tracks, or else its LineStrings, or else
    its Placemark points."""
    kinds = {
        kind: Gathered(gathered.source, gathered.max_points) for kind in ("track", "line", "point")
    }
    counts = {"Track": 0, "LineString": 0, "Placemark": 0}
    track: _Track | None = None
    mark = _Placemark(0)
    points: Run | None = None
    with open_binary(file, "track file", TrackFileError, max_bytes=max_bytes) as stream:
        for event, element, parent in _events(stream, gathered, "kml"):
            tag = _local(element)
            if event == "start":
                if tag in counts:
                    counts[tag] += 1
                if tag == "Track":
                    track = _Track(f"gx:Track {counts['Track']}")
                elif tag == "Placemark":
                    mark = _Placemark(counts["Placemark"])
                continue
            text = element.text or ""
            if track is not None and parent == "Track" and tag in ("when", "coord"):
                (_add_time if tag == "when" else _add_coord)(track, text, gathered)
            elif tag == "Track" and track is not None:
                _track_done(track, mark, kinds["track"])
                track = None
            elif tag == "coordinates" and parent == "LineString":
                _add_line(text, f"LineString {counts['LineString']}", mark, kinds["line"])
            elif tag == "coordinates" and parent == "Point" and mark.point is None:
                mark.point = _tuple(text.strip(), f"Placemark {mark.number}", gathered)
            elif tag == "when" and parent == "TimeStamp":
                mark.time = text
            elif tag == "name" and parent == "Placemark":
                mark.name = text.strip()
            elif tag == "Placemark" and mark.point is not None:
                if points is None:
                    points = kinds["point"].run(
                        f"Placemark {mark.number}", unit="Placemark", numbered=True
                    )
                lon, lat = mark.point
                points.add(lat, lon, mark.time, f"Placemark {mark.number}", mark.number)
    for kind in kinds.values():
        if kind.runs:
            gathered.runs = kind.runs
            return


def _add_time(track: _Track, text: str, gathered: Gathered) -> None:
    at = f"{track.where}, when {len(track.times) + 1}"
    try:
        track.times.append(track_time(text))
    except RoutesError as error:
        raise gathered.error(str(error), at) from None


def _add_coord(track: _Track, text: str, gathered: Gathered) -> None:
    at = f"{track.where}, coord {len(track.lat) + 1}"
    parts = text.split()
    if not 2 <= len(parts) <= 3:
        raise gathered.error(f"{shown(text)} is not 'lon lat [alt]'", at)
    try:
        lon, lat = longitude_in(parts[0]), latitude_in(parts[1])
    except RoutesError as error:
        raise gathered.error(str(error), at) from None
    track.lat.append(lat)
    track.lon.append(lon)
    gathered.count(at)


def _track_done(track: _Track, mark: _Placemark, kind: Gathered) -> None:
    if track.times and len(track.times) != len(track.lat):
        raise kind.error(
            f"{len(track.times):,} <when> for {len(track.lat):,} <gx:coord>", track.where
        )
    run = kind.run(track.where, name=mark.name, unit="coord")
    run.extend(track.lat, track.lon, track.times if track.times else None)


def _add_line(text: str, where: str, mark: _Placemark, kind: Gathered) -> None:
    """A LineString's coordinates ("lon,lat[,alt]" tuples), read tuple by tuple from its text."""
    run = kind.run(where, name=mark.name, unit="coordinate")
    for index, word in enumerate(_WORDS.finditer(text), start=1):
        at = f"{where}, coordinate {index}"
        lon, lat = _tuple(word.group(), at, kind)
        run.add(lat, lon, None, at)


def _tuple(text: str, where: str, gathered: Gathered) -> tuple[str, str]:
    parts = text.split(",")
    if not 2 <= len(parts) <= 3:
        raise gathered.error(f"{shown(text)} is not 'lon,lat[,alt]'", where)
    return parts[0], parts[1]


def read_gpx_track(file: Path, gathered: Gathered, max_bytes: int) -> None:
    """Add the GPX file's track segments to `gathered`, one run each, keyed by their track."""
    tracks = segments = 0
    name = ""
    run: Run | None = None
    time: str | None = None
    with open_binary(file, "track file", TrackFileError, max_bytes=max_bytes) as stream:
        for event, element, parent in _events(stream, gathered, "gpx"):
            tag = _local(element)
            if event == "start":
                if tag == "trk":
                    tracks, segments, name = tracks + 1, 0, ""
                elif tag == "trkseg" and parent == "trk":
                    segments += 1
                    where = f"trk {tracks} segment {segments}"
                    run = gathered.run(where, key=(f"trk {tracks}",), name=name, unit="trkpt")
                elif tag == "trkpt":
                    time = None
                continue
            if tag == "name" and parent == "trk":
                name = (element.text or "").strip()
            elif tag == "time" and parent == "trkpt":
                time = element.text or ""
            elif tag == "trkpt" and run is not None and parent == "trkseg":
                at = f"{run.where}, trkpt {len(run) + 1}"
                run.add(element.get("lat", ""), element.get("lon", ""), time, at)
            elif tag == "trkseg":
                run = None


def _local(element: Element) -> str:
    """A tag without its namespace: "{http://www.opengis.net/kml/2.2}Point" is "Point"."""
    return str(element.tag).rsplit("}", 1)[-1]
