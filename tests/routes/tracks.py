"""Flown tracks for the tests: 10,000 points along chains of geodesics, with times, written as
CSV, GeoJSON and KML."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pyproj import Geod

#: An H-6K patrol from Neixiang through the Korea Strait, up the Sea of Japan to La Perouse, down
#: the Pacific side of Japan and home past Okinawa (straight geodesics between the turns).
PATROL = [
    (32.97, 111.88),
    (34.0, 129.5),
    (40.0, 134.0),
    (45.7, 142.0),
    (42.0, 150.0),
    (37.5, 145.0),
    (25.3, 126.0),
    (32.97, 111.88),
]
#: From Anadyr east across 180 to the Bering Sea and back west across it to Kamchatka.
ACROSS_180 = [(64.73, 177.74), (62.0, -172.0), (57.0, -170.0), (55.0, 165.0), (53.17, 158.45)]
TAKE_OFF = datetime(2019, 7, 23, tzinfo=UTC).timestamp()
SECONDS_APART = 4.0


def points_along(turns: list[tuple[float, float]], count: int) -> tuple[list[float], list[float]]:
    """`count` points (lat, lon lists) along the geodesics joining `turns`, spread by length."""
    geod = Geod(ellps="WGS84")
    pairs = list(itertools.pairwise(turns))
    lengths = np.array([geod.inv(a[1], a[0], b[1], b[0])[2] for a, b in pairs])
    spare = count - len(turns)
    inside = np.floor(spare * lengths / lengths.sum()).astype(int)
    inside[: spare - inside.sum()] += 1
    lat, lon = [], []
    for (a, b), between in zip(pairs, inside.tolist(), strict=True):
        middle = geod.npts(a[1], a[0], b[1], b[0], between) if between else []
        lat += [a[0], *(p[1] for p in middle)]
        lon += [a[1], *(p[0] for p in middle)]
    return [*lat, turns[-1][0]], [*lon, turns[-1][1]]


def times(count: int) -> list[str]:
    return [
        datetime.fromtimestamp(TAKE_OFF + SECONDS_APART * k, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for k in range(count)
    ]


def write_csv(path: Path, lat: list[float], lon: list[float]) -> Path:
    rows = [f"{a!r},{o!r},{t}" for a, o, t in zip(lat, lon, times(len(lat)), strict=True)]
    path.write_text("lat,lon,time\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_geojson(path: Path, lat: list[float], lon: list[float]) -> Path:
    feature = {
        "type": "Feature",
        "properties": {"times": times(len(lat))},
        "geometry": {
            "type": "LineString",
            "coordinates": [[o, a] for a, o in zip(lat, lon, strict=True)],
        },
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    return path


def write_kml(path: Path, lat: list[float], lon: list[float]) -> Path:
    whens = "".join(f"<when>{t}</when>" for t in times(len(lat)))
    coords = "".join(
        f"<gx:coord>{o!r} {a!r} 9000</gx:coord>" for a, o in zip(lat, lon, strict=True)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2" '
        'xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><Placemark><gx:Track>'
        f"{whens}{coords}</gx:Track></Placemark></Document></kml>\n",
        encoding="utf-8",
    )
    return path


WRITERS = {"csv": write_csv, "geojson": write_geojson, "kml": write_kml}
