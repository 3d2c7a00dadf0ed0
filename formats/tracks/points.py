"""The points of a track file, checked as they are read and gathered into flights.

A reader hands over *runs*: the points of one line (a GeoJSON LineString or one part of a
MultiLineString, a KML LineString or gx:Track, a GPX track segment), or the points of one aircraft
in a CSV file or in GeoJSON/KML point features. Every coordinate and time is checked as it arrives,
so an error names the row, feature or element, and nothing but three numbers per point is kept.

Runs make flights: a run continues the last flight of the same aircraft (the same `key`: its
flight id, callsign and ICAO 24-bit address, where the file gives them) only where it starts at the
very point where that flight ended (the parts of a line cut at 180, the legs of a plan). A run
after a gap is a flight of its own, never joined to the one before by a leg nobody flew.
"""

from __future__ import annotations

import math
import re
from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime

from routes.clock import parse_utc
from routes.errors import CONTROL_CHARACTERS, RoutesError, shown, shown_path
from routes.numbers import latitude_in, longitude_in, number_in

__all__ = [
    "MAX_TRACK_POINTS",
    "MAX_TRACK_RUNS",
    "Flight",
    "Gathered",
    "Run",
    "TooManyPointsError",
    "TrackFileError",
]

#: The most points a track file may hold.
MAX_TRACK_POINTS = 1_000_000
#: The most lines (or aircraft) a track file may hold: each costs some hundred bytes of its own,
#: so a file of a million one-point lines would otherwise take several times its size.
MAX_TRACK_RUNS = 100_000
#: Two runs touch where their ends are within this many degrees (about a centimetre).
_TOUCH_DEG = 1e-7
#: A time written as a bare number is POSIX seconds (OpenSky, traffic's `timestamp` as a number).
_SECONDS = re.compile(r"[-+]?\d+(?:\.\d*)?", re.ASCII)
#: Flight names (callsigns, ids, track names) are shown in messages and records: no control
#: characters, bidirectional overrides or lone surrogates (CONTROL_CHARACTERS), and a length limit.
_MAX_NAME = 200
#: Bare numbers below this (1973-03-03) are taken for times from the start of the flight or dates
#: written without dashes (20190723), which seconds since 1970 would silently misplace.
_FEWEST_SECONDS = 1e8
_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC).timestamp()
_LATEST = datetime(2201, 1, 1, tzinfo=UTC).timestamp() - 1.0


class TrackFileError(RoutesError):
    """A track file that cannot be read as a track; the message names the file and the place."""


class TooManyPointsError(TrackFileError):
    """A track file of more points than its reader takes."""


def track_time(value: object, what: str = "time") -> float:
    """A point's time as POSIX seconds: RFC 3339 / ISO 8601 text in any case ("2019-07-23t01:00z"),
    UTC where it has no offset, or a number of seconds since 1970 (as text or a JSON number)."""
    given = value
    if isinstance(value, str) and _SECONDS.fullmatch(value.strip()):
        value = number_in(value.strip(), what)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RoutesError(f"{what} {shown(value)} is neither ISO 8601 text nor seconds since 1970")
    if isinstance(value, str):
        return parse_utc(value, what).timestamp()
    seconds = float(value) if isinstance(value, float) or abs(value) < 1e12 else math.inf
    if 0.0 <= seconds < _FEWEST_SECONDS:
        raise RoutesError(
            f"{what} {shown(given)} is too small for seconds since 1970 (a time from the start, or "
            "a date without dashes?): give ISO 8601 times or POSIX seconds"
        )
    if not _EARLIEST <= seconds <= _LATEST:  # NaN too
        raise RoutesError(
            f"{what} {shown(given)} (seconds since 1970) is outside the years 1900 to 2200"
        )
    return seconds


@dataclass(slots=True)
class Run:
    """Points read one after another, each checked; `where` names the run in messages."""

    gathered: Gathered
    where: str
    key: tuple[str, ...] = ()
    name: str = ""
    #: How a point is named in messages: "{where}, {unit} N", or "{unit} N" with N from `numbers`
    #: where points come from rows or features of their own.
    unit: str = "position"
    numbers: array[int] | None = None
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
    times: array[float] = field(default_factory=lambda: array("d"))

    def add(self, lat: object, lon: object, time: object, where: str, number: int = 0) -> None:
        """Add a point (numbers or text), with its time or None (and, in a numbered run, its row
        or feature number); TrackFileError names `where`."""
        if self.numbers is not None:
            self.numbers.append(number)
        try:
            self.lat.append(latitude_in(lat))
            self.lon.append(longitude_in(lon))
            if time is not None:
                if len(self.times) + 1 != len(self.lat):
                    raise RoutesError("a time is given where the points before have none")
                self.times.append(track_time(time))
            elif self.times:
                raise RoutesError("a time is missing (give one for every point or for none)")
        except RoutesError as error:
            raise self.gathered.error(str(error), where) from None
        self.gathered.count(where)

    def extend(self, lat: array[float], lon: array[float], times: array[float] | None) -> None:
        """Add points already checked (and counted), with a time for each or none."""
        self.lat.extend(lat)
        self.lon.extend(lon)
        if times is not None:
            self.times.extend(times)

    def label(self, index: int) -> str:
        """Where point `index` of the run is in the file."""
        if self.numbers is not None:
            return f"{self.unit} {self.numbers[index]}"
        return f"{self.where}, {self.unit} {index + 1}"

    def __len__(self) -> int:
        return len(self.lat)


@dataclass
class Flight:
    """Runs joined end to start: one aircraft's flight as the file gives it."""

    key: tuple[str, ...]
    name: str
    runs: list[Run]
    #: Where each run's points start: 1 where its first point repeats the end of the run before
    #: (the same point at the same time, or with no times).
    starts: list[int] = field(default_factory=list)

    def last(self) -> tuple[float, float, float | None]:
        run = self.runs[-1]
        return run.lat[-1], run.lon[-1], run.times[-1] if run.times else None

    def join(self, run: Run) -> bool:
        """Add `run` if it starts where the flight ends; else say it does not."""
        lat, lon, time = self.last()
        if not _touch((lat, lon), (run.lat[0], run.lon[0])):
            return False
        again = (time is None and not run.times) or (bool(run.times) and run.times[0] == time)
        self.runs.append(run)
        self.starts.append(1 if again and len(run) > 1 else 0)
        return True


@dataclass
class Gathered:
    """Every run of one file, in order, and the count of its points."""

    source: str
    max_points: int = MAX_TRACK_POINTS
    runs: list[Run] = field(default_factory=list)
    points: int = 0

    @property
    def name(self) -> str:
        """The file, as messages show it."""
        return shown_path(self.source)

    def error(self, problem: str, where: str) -> TrackFileError:
        return TrackFileError(f"{problem} in {where} of track file {self.name}")

    def run(
        self,
        where: str,
        *,
        key: tuple[str, ...] = (),
        name: str = "",
        unit: str = "position",
        numbered: bool = False,
    ) -> Run:
        """A new run, after those before; a `numbered` one keeps each point's row or feature
        number (given to `Run.add`) for messages."""
        for text in (name, *key):
            if CONTROL_CHARACTERS.search(text) or len(text) > _MAX_NAME:
                raise self.error(
                    f"the flight's name {shown(text)} holds control characters or is over "
                    f"{_MAX_NAME} characters",
                    where,
                )
        if len(self.runs) >= MAX_TRACK_RUNS:
            raise self.error(f"more than {MAX_TRACK_RUNS:,} lines or aircraft", where)
        run = Run(self, where, key, name, unit, array("q") if numbered else None)
        self.runs.append(run)
        return run

    def count(self, where: str) -> None:
        self.points += 1
        if self.points > self.max_points:
            raise TooManyPointsError(
                f"more than {self.max_points:,} points in {where} of track file {self.name}"
            )

    def flights(self) -> list[Flight]:
        """The runs as flights: a run joins the last flight of its key where it starts at that
        flight's end, and starts a flight of its own after a gap."""
        flights: list[Flight] = []
        latest: dict[tuple[str, ...], Flight] = {}
        for run in self.runs:
            if not len(run):
                continue
            before = latest.get(run.key)
            if before is not None and before.join(run):
                continue
            flight = Flight(run.key, run.name or run.where, [run], [0])
            flights.append(flight)
            latest[run.key] = flight
        return _named(flights)


def _touch(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """The same point: equal latitudes, and longitudes equal modulo 360 (180 is -180), or a pole."""
    if abs(a[0] - b[0]) > _TOUCH_DEG:
        return False
    apart = abs(a[1] - b[1]) % 360.0
    return min(apart, 360.0 - apart) <= _TOUCH_DEG or abs(a[0]) >= 90.0 - _TOUCH_DEG


def _named(flights: list[Flight]) -> list[Flight]:
    """Each flight with a name of its own: its aircraft's name, told apart by where it starts in
    the file when an aircraft has several."""
    seen: dict[str, int] = {}
    for flight in flights:
        seen[flight.name.casefold()] = seen.get(flight.name.casefold(), 0) + 1
    for flight in flights:
        if seen[flight.name.casefold()] > 1 and flight.name != flight.runs[0].where:
            flight.name = f"{flight.name} ({flight.runs[0].where})"
    return flights
