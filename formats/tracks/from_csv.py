"""Tracks from CSV, as rangemap, OpenSky, the `traffic` library and Flightradar24 write them, read
row by row.

Columns (by name in any case, any order, other columns ignored): the latitude (`lat` or
`latitude`) and longitude (`lon`, `lng`, `long` or `longitude`), or one `position` column of
"lat,lon" (Flightradar24); optionally the time (`time` or `timestamp`: ISO 8601 text, or seconds
since 1970) and who flew (`flight_id`; else `callsign` and `icao24`). Rows of different flights may
be interleaved, as OpenSky's state vectors are; a row with no position at all (a state vector
without one) is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from formats.inputs import open_text
from formats.tracks.points import Gathered, Run, TrackFileError
from routes.bundled import csv_rows
from routes.errors import CatalogError, shown

__all__ = ["read_csv_track"]

_LATITUDE = ("lat", "latitude")
_LONGITUDE = ("lon", "lng", "long", "longitude")
_POSITION = ("position",)
_TIME = ("time", "timestamp")
_FLIGHT = ("flight_id",)
_AIRCRAFT = ("callsign", "icao24")


@dataclass(frozen=True)
class _Columns:
    """The header's names of the columns a track needs."""

    lat: str
    lon: str
    position: str
    time: str
    key: tuple[str, ...]

    def point(self, row: dict[str, str]) -> tuple[str, str]:
        """The row's latitude and longitude, as text ("" and "" for a row with no position)."""
        if not self.position:
            return row.get(self.lat, ""), row.get(self.lon, "")
        text = row.get(self.position, "")
        parts = text.split(",")
        if text and len(parts) != 2:
            raise ValueError(f"position {shown(text)} is not 'lat,lon'")
        return (parts[0].strip(), parts[1].strip()) if text else ("", "")


def read_csv_track(file: Path, gathered: Gathered, max_bytes: int) -> None:
    """Add the file's flights to `gathered`, one run per flight, every row checked as read."""
    with open_text(file, "track file", TrackFileError, max_bytes=max_bytes) as stream:
        found: list[_Columns] = []

        def check(header: list[str]) -> None:
            found.append(_columns(header, gathered))

        runs: dict[tuple[str, ...], Run] = {}
        try:
            for where, row in csv_rows(stream, gathered.name, (), header_check=check):
                columns = found[0]
                try:
                    lat, lon = columns.point(row)
                except ValueError as error:
                    raise gathered.error(str(error), where) from None
                if not lat and not lon:
                    continue
                key = tuple(row.get(name, "") for name in columns.key)
                run = runs.get(key)
                if run is None:
                    name = " ".join(filter(None, key))
                    run = runs[key] = gathered.run(
                        where, key=key, name=name, unit="row", numbered=True
                    )
                time = (row.get(columns.time) or None) if columns.time else None
                run.add(lat, lon, time, where, int(where.removeprefix("row ")))
        except CatalogError as error:
            raise TrackFileError(f"track file {error}") from None
        except UnicodeDecodeError as error:
            raise TrackFileError(
                f"track file {gathered.name} is not UTF-8 text (byte {error.start} of a block)"
            ) from None


def _columns(header: list[str], gathered: Gathered) -> _Columns:
    """The columns of `header` (matched in any case) that a track needs."""
    position = _one(header, _POSITION, "position", gathered)
    required = not position
    lat = _one(header, _LATITUDE, "latitude", gathered, required=required)
    lon = _one(header, _LONGITUDE, "longitude", gathered, required=required)
    if position and (lat or lon):
        raise TrackFileError(
            f"track file {gathered.name} has both a position column and a {lat or lon} column: "
            "keep one"
        )
    flight = _one(header, _FLIGHT, "flight id", gathered)
    aircraft = [_one(header, (name,), name, gathered) for name in _AIRCRAFT]
    key = (flight,) if flight else tuple(filter(None, aircraft))
    return _Columns(lat, lon, position, _one(header, _TIME, "time", gathered), key)


def _one(
    header: list[str],
    names: tuple[str, ...],
    what: str,
    gathered: Gathered,
    *,
    required: bool = False,
) -> str:
    """The one column of `header` named one of `names`, in any case ("" if none, which a required
    one may not be)."""
    found = [name for name in header if name.casefold() in names]
    if len(found) > 1:
        raise TrackFileError(
            f"track file {gathered.name} has two {what} columns ({', '.join(found)}): keep one"
        )
    if not found and required:
        raise TrackFileError(
            f"track file {gathered.name} has no {what} column (name it {' or '.join(names)}, or "
            "give one position column of 'lat,lon')"
        )
    return found[0] if found else ""
