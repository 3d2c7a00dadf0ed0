"""Tracks from CSV, as rangemap, OpenSky and the `traffic` library write them, read row by row.

Columns (by name, any order, other columns ignored): the latitude (`lat` or `latitude`), the
longitude (`lon`, `lng`, `long` or `longitude`), and optionally the time (`time` or `timestamp`:
ISO 8601 text, or seconds since 1970) and who flew (`flight_id`; else `callsign` and `icao24`).
Rows of different flights may be interleaved, as OpenSky's state vectors are; a row with neither
latitude nor longitude (a state vector without a position) is skipped.
"""

from __future__ import annotations

from pathlib import Path

from routes.catalog import csv_rows
from routes.errors import CatalogError
from routes.inputs import open_text
from routes.track_points import Gathered, Run, TrackFileError

__all__ = ["read_csv_track"]

_LATITUDE = ("lat", "latitude")
_LONGITUDE = ("lon", "lng", "long", "longitude")
_TIME = ("time", "timestamp")
_FLIGHT = ("flight_id",)
_AIRCRAFT = ("callsign", "icao24")


def read_csv_track(file: Path, gathered: Gathered, max_bytes: int) -> None:
    """Add the file's flights to `gathered`, one run per flight, every row checked as read."""
    with open_text(file, "track file", TrackFileError, max_bytes=max_bytes) as stream:
        columns: list[tuple[str, str, str | None, tuple[str, ...]]] = []

        def check(header: list[str]) -> None:
            columns.append(_columns(header, gathered))

        runs: dict[tuple[str, ...], Run] = {}
        try:
            for where, row in csv_rows(stream, gathered.name, (), header_check=check):
                lat_column, lon_column, time_column, key_columns = columns[0]
                lat, lon = row.get(lat_column, ""), row.get(lon_column, "")
                if not lat and not lon:
                    continue
                key = tuple(row.get(name, "") for name in key_columns)
                run = runs.get(key)
                if run is None:
                    name = " ".join(filter(None, key))
                    run = runs[key] = gathered.run(
                        where, key=key, name=name, unit="row", numbered=True
                    )
                time = (row.get(time_column) or None) if time_column else None
                run.add(lat, lon, time, where, int(where.removeprefix("row ")))
        except CatalogError as error:
            raise TrackFileError(f"track file {error}") from None
        except UnicodeDecodeError as error:
            raise TrackFileError(
                f"track file {gathered.name} is not UTF-8 text (byte {error.start} of a block)"
            ) from None


def _columns(header: list[str], gathered: Gathered) -> tuple[str, str, str | None, tuple[str, ...]]:
    """The names of the latitude, longitude, time and flight columns of `header`."""
    latitude = _one(header, _LATITUDE, "latitude", gathered, required=True)
    longitude = _one(header, _LONGITUDE, "longitude", gathered, required=True)
    time = _one(header, _TIME, "time", gathered, required=False)
    flight = [name for name in _FLIGHT if name in header]
    key = tuple(flight or [name for name in _AIRCRAFT if name in header])
    return str(latitude), str(longitude), time, key


def _one(
    header: list[str], names: tuple[str, ...], what: str, gathered: Gathered, *, required: bool
) -> str | None:
    found = [name for name in names if name in header]
    if len(found) > 1:
        raise TrackFileError(
            f"track file {gathered.name} has two {what} columns ({', '.join(found)}): keep one"
        )
    if not found and required:
        raise TrackFileError(
            f"track file {gathered.name} has no {what} column (name it {' or '.join(names)})"
        )
    return found[0] if found else None
