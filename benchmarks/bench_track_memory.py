"""Peak memory of the readers on large hostile files (issue 25.3), for `make bench` (rows, no
asserts): each file is read in a fresh process, and the row gives the peak resident memory the
reading added (over the process after its imports) as a multiple of the file's size.

The files sit just under the limits: a 1,000,000-point gx:Track KML padded to about 120 MB (the
issue's 127 MB track took 5.7 GB), one KML LineString and one GeoJSON LineString of a million
points, 100,000 two-point KML LineStrings (the most lines a file may hold), a million-row CSV, 120 MB of empty GeoJSON features (read through, then "holds no point"),
and a 200 MB sites GeoJSON of empty features (refused at its first feature; the issue measured
5.2 GB), then a sites GeoJSON of 200,000 good points. Goal: a small multiple of the points' own
size (24 bytes a point), whatever the document's shape.

Run alone: PYTHONPATH=. .venv/bin/python benchmarks/bench_track_memory.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

POINTS = 1_000_000
_PROBE = """
import sys
from routes.catalog import read_sites
from routes.errors import RoutesError
from formats.tracks.read import read_track
import ijson, ijson.backends.python, defusedxml.ElementTree, numpy


def kilobytes(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))


with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # the peak (VmHWM) starts again from what is resident now (VmRSS)
before = kilobytes("VmRSS:")
try:
    result = (read_sites if sys.argv[1] == "sites" else read_track)(sys.argv[2])
    outcome = f"{len(result):,} points" if sys.argv[1] == "track" else f"{len(result):,} sites"
except RoutesError as error:
    outcome = "refused: " + str(error).split(" in ")[0].split(" of ")[0][:50]
print((kilobytes("VmHWM:") - before) * 1024, outcome)
"""


def _write(path: Path, pieces: Iterator[str]) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for piece in pieces:
            stream.write(piece)
    return path


def _times(count: int) -> Iterator[str]:
    """A time every 4 s from 2019-07-23, as ISO 8601 UTC."""
    start = datetime(2019, 7, 23, tzinfo=UTC)
    for k in range(count):
        yield (start + timedelta(seconds=4 * k)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _position(k: int) -> tuple[str, str]:
    """A point along a long loop, written with many decimals (as trackers export them)."""
    return f"{100.0 + (k % 700_000) * 1e-4:.12f}", f"{20.0 + (k % 300_000) * 1e-4:.12f}"


def kml_track(path: Path) -> Path:
    def pieces() -> Iterator[str]:
        yield (
            '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/'
            '2.2"><Document><Placemark><name>padded</name><gx:Track>\n'
        )
        for when in _times(POINTS):
            yield f"  <when>{when}</when>\n"
        for k in range(POINTS):
            lon, lat = _position(k)
            yield f"  <gx:coord>{lon} {lat} 9144.000000000000</gx:coord>\n"
        yield "</gx:Track></Placemark></Document></kml>\n"

    return _write(path, pieces())


def kml_line(path: Path) -> Path:
    def pieces() -> Iterator[str]:
        yield '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><LineString><coordinates>'
        for k in range(POINTS):
            lon, lat = _position(k)
            yield f"{lon},{lat},9144 "
        yield "</coordinates></LineString></Placemark></kml>\n"

    return _write(path, pieces())


def geojson_line(path: Path) -> Path:
    def pieces() -> Iterator[str]:
        yield '{"type": "Feature", "geometry": {"type": "LineString", "coordinates": ['
        for k in range(POINTS):
            lon, lat = _position(k)
            yield f"{',' if k else ''}[{lon},{lat}]"
        yield ']}, "properties": {"times": ['
        yield ",".join(f'"{when}"' for when in _times(POINTS))
        yield "]}}\n"

    return _write(path, pieces())


def kml_many_lines(path: Path) -> Path:
    """100,000 LineStrings of two points each, the most lines a file may hold."""

    def pieces() -> Iterator[str]:
        yield '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        for k in range(100_000):
            lon, lat = _position(k)
            yield (
                f"<Placemark><LineString><coordinates>{lon},{lat} {lon},{float(lat) + 1e-3}"
                "</coordinates></LineString></Placemark>"
            )
        yield "</Document></kml>\n"

    return _write(path, pieces())


def csv_rows(path: Path) -> Path:
    def pieces() -> Iterator[str]:
        yield "lat,lon,time\n"
        for k, when in enumerate(_times(POINTS)):
            lon, lat = _position(k)
            yield f"{lat},{lon},{when}\n"

    return _write(path, pieces())


def empty_features(path: Path, megabytes: int) -> Path:
    feature = '{"type": "Feature", "properties": {}, "geometry": null},'
    count = megabytes * 1_000_000 // len(feature)

    def pieces() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        block = feature * 10_000
        for _ in range(count // 10_000):
            yield block
        yield feature[:-1] + "]}\n"

    return _write(path, pieces())


def good_sites(path: Path) -> Path:
    features = (
        {
            "type": "Feature",
            "properties": {"id": f"s{k}", "name": f"Site {k}", "tags": ["a", "b"]},
            "geometry": {"type": "Point", "coordinates": [(k % 3600) / 10 - 180, (k % 1800) / 20]},
        }
        for k in range(200_000)
    )

    def pieces() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        for k, feature in enumerate(features):
            yield ("," if k else "") + json.dumps(feature)
        yield "]}\n"

    return _write(path, pieces())


CASES: list[tuple[str, str, Callable[[Path], Path], str]] = [
    ("KML gx:Track, 1M points, padded", "track", kml_track, "track.kml"),
    ("KML LineString, 1M points", "track", kml_line, "line.kml"),
    ("KML, 100,000 LineStrings of two points", "track", kml_many_lines, "lines.kml"),
    ("GeoJSON LineString + times, 1M points", "track", geojson_line, "line.geojson"),
    ("CSV, 1M rows with times", "track", csv_rows, "rows.csv"),
    (
        "GeoJSON track, 120 MB of empty features",
        "track",
        lambda p: empty_features(p, 120),
        "e.json",
    ),
    (
        "sites GeoJSON, 200 MB of empty features",
        "sites",
        lambda p: empty_features(p, 200),
        "s.json",
    ),
    ("sites GeoJSON, 200,000 points", "sites", good_sites, "sites.geojson"),
]


def bench_track_memory() -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, kind, make, name in CASES:
            path = make(Path(folder) / name)
            size = path.stat().st_size
            start = time.perf_counter()
            probe = subprocess.run(
                [sys.executable, "-c", _PROBE, kind, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            seconds = time.perf_counter() - start
            peak, outcome = probe.stdout.split(" ", 1)
            rows.append(
                (
                    f"memory: {label} ({size / 1e6:,.0f} MB)",
                    f"{int(peak) / 1e6:,.0f} MB peak, {int(peak) / size:.2f}x the file, "
                    f"{seconds:.1f} s; {outcome.strip()}",
                )
            )
            path.unlink()
    return rows


if __name__ == "__main__":
    for label, value in bench_track_memory():
        print(f"{label:<60} {value}")
