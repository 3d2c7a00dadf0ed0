"""Reading a flown track from a file: CSV, GeoJSON, KML or GPX, every point checked, times optional.

- CSV: a header with latitude and longitude columns (`lat`/`latitude`, `lon`/`lng`/`longitude`,
  or a `position` of "lat,lon") and an optional time column (`time`/`timestamp`), in any case,
  as rangemap, OpenSky, the `traffic` library and Flightradar24 write them; `flight_id`, else
  `callsign` and `icao24`, tell flights apart.
- GeoJSON: LineString or MultiLineString features (with a `times` or `coordTimes` list property,
  or rangemap's own legs with `departs` and `arrives`), or else Point features in order (with a
  `time` property); a bare LineString or MultiLineString geometry too; other features are ignored.
- KML: gx:Track elements (`when` and `gx:coord`), or else LineStrings, or else Placemark points
  (with a TimeStamp).
- GPX: track segments (`trkseg`) of `trkpt` points with their `time`.

XML is parsed by defusedxml with DTDs refused (no external entity is read, no entity expanded),
and every format is read as a stream: memory holds the points, not the document.

Times are RFC 3339 / ISO 8601 in any case, UTC where they carry no offset, or seconds since 1970;
a track gives a time for every point or for none, and its times never go backwards. Every error
names the file and the row, feature or element.

A file may hold several flights (several aircraft, or lines with a gap between them): each is a
flight of its own, never joined to another, and `flight` picks one by name or number.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from formats.tracks.from_csv import read_csv_track
from formats.tracks.from_geojson import read_geojson_track
from formats.tracks.from_xml import read_gpx_track, read_kml_track
from formats.tracks.points import MAX_TRACK_POINTS, Flight, Gathered, Run, TrackFileError
from geo import FloatArray
from routes.clock import iso_utc
from routes.errors import parameter, shown
from routes.flown.track import FlownTrack

__all__ = [
    "MAX_TRACK_BYTES",
    "MAX_TRACK_POINTS",
    "TrackFileError",
    "read_track",
]

#: The largest track file read (a million points of CSV is about 40 MB).
MAX_TRACK_BYTES = 128 * 1024 * 1024
_READERS = {
    ".csv": read_csv_track,
    ".geojson": read_geojson_track,
    ".json": read_geojson_track,
    ".kml": read_kml_track,
    ".gpx": read_gpx_track,
}
#: How many flights' names an error lists.
_LISTED = 6


def read_track(
    path: str | Path, *, flight: str | None = None, max_points: int = MAX_TRACK_POINTS
) -> FlownTrack:
    """The track in a CSV, GeoJSON, KML or GPX file (by its suffix); `flight` (a name or a number
    from 1) picks one where the file holds several. TrackFileError names what is wrong (a
    TooManyPointsError beyond `max_points`)."""
    file = Path(path)
    gathered = Gathered(str(file), max_points)
    reader = _READERS.get(file.suffix.lower())
    if reader is None:
        raise TrackFileError(
            f"track file {gathered.name} is of an unknown format: give a .csv, .geojson (or "
            ".json), .kml or .gpx file"
        )
    reader(file, gathered, MAX_TRACK_BYTES)
    flights = gathered.flights()
    chosen = _chosen(flights, flight, gathered)
    return _track(chosen, gathered, named=len(flights) > 1 or flight is not None)


def _chosen(flights: list[Flight], wanted: str | None, gathered: Gathered) -> Flight:
    """The flight asked for, or the only one; else a TrackFileError naming them and --flight."""
    if wanted is None:
        if len(flights) <= 1:
            return flights[0] if flights else Flight((), "", [], [])
        raise TrackFileError(
            f"track file {gathered.name} holds {len(flights)} flights ({_listed(flights)}), never "
            f"joined into one: pick one with {parameter('flight')} NAME (or its number, 1 to "
            f"{len(flights)})"
        )
    key = wanted.strip().casefold()
    named = [f for f in flights if key in (f.name.casefold(), *(k.casefold() for k in f.key))]
    if key.isdigit() and not named and 1 <= int(key) <= len(flights):
        return flights[int(key) - 1]
    if len(named) == 1:
        return named[0]
    if named:
        raise TrackFileError(
            f"{parameter('flight')} {shown(wanted)} names {len(named)} flights of track file {gathered.name} "
            f"({_listed(named)}): give one of these names"
        )
    raise TrackFileError(
        f"track file {gathered.name} has no flight {shown(wanted)}; its flights are "
        f"{_listed(flights) or 'none'}"
    )


def _listed(flights: list[Flight]) -> str:
    names = ", ".join(shown(flight.name, 40) for flight in flights[:_LISTED])
    return names + (f" and {len(flights) - _LISTED:,} more" if len(flights) > _LISTED else "")


def _track(flight: Flight, gathered: Gathered, *, named: bool) -> FlownTrack:
    """The flight's points as a track, checked as a whole."""
    label = f" {shown(flight.name)}" if named else ""
    runs, starts = flight.runs, flight.starts
    lat, lon = _joined(runs, starts, "lat"), _joined(runs, starts, "lon")
    if len(lat) < 2:
        count = "no point" if not len(lat) else "a single point"
        raise TrackFileError(
            f"track file {gathered.name}{' flight' + label if named else ''} holds {count}: a "
            "track needs two or more"
        )
    same_meridian = np.mod(lon - lon[0], 360.0) == 0.0  # 180 is -180
    if np.all(lat == lat[0]) and np.all(same_meridian | (np.abs(lat) == 90.0)):
        raise TrackFileError(
            f"the track{label} in track file {gathered.name} never leaves its first point"
        )
    timed = [len(run.times) > 0 for run in runs]
    if not any(timed):
        return FlownTrack(gathered.source, lat, lon, None, flight.name if named else "")
    if not all(timed):
        later = runs[timed.index(not timed[0])]
        raise gathered.error(
            "a time is missing (give one for every point or for none)"
            if timed[0]
            else "a time is given where the points before have none",
            later.where,
        )
    times = _joined(runs, starts, "times")
    back = np.flatnonzero(np.diff(times) < 0.0)
    if back.size:
        at = int(back[0]) + 1
        raise gathered.error(
            f"time {iso_utc(times[at])} comes before {iso_utc(times[at - 1])}, the time of the "
            "point before",
            _where(runs, starts, at),
        )
    return FlownTrack(gathered.source, lat, lon, times, flight.name if named else "")


def _joined(runs: list[Run], starts: list[int], what: str) -> FloatArray:
    """The runs' latitudes, longitudes or times end to end, each run from its start."""
    parts = [
        np.frombuffer(getattr(run, what))[start:] for run, start in zip(runs, starts, strict=True)
    ]
    return np.concatenate(parts) if parts else np.empty(0)


def _where(runs: list[Run], starts: list[int], index: int) -> str:
    """Where point `index` of the joined runs is in the file."""
    for run, start in zip(runs, starts, strict=True):
        if index < len(run) - start:
            return run.label(index + start)
        index -= len(run) - start
    return runs[-1].where
