"""Aircraft and site catalogs: the bundled CSV files, users' CSV/GeoJSON files, and lookups."""

from __future__ import annotations

import csv
import difflib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import geo
from routes.errors import CatalogError, UnknownSiteError

__all__ = [
    "FIGURES",
    "Aircraft",
    "Site",
    "SiteCatalog",
    "bundled_aircraft",
    "bundled_sites",
    "find_aircraft",
    "read_sites",
]

#: What a published aircraft figure measures.
FIGURES = ("range", "ferry_range", "combat_radius")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_LAT_LON = re.compile(
    r"^\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*,\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*$"
)
_SITE_COLUMNS = ("id", "name", "lat", "lon")


@dataclass(frozen=True)
class Aircraft:
    """An aircraft type with its published range figure and where it was published."""

    id: str
    name: str
    range_km: float
    figure: str = "range"
    cruise_kmh: float | None = None
    source: str = ""

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise CatalogError(
                f"aircraft id {self.id!r} may hold only letters, digits, '-', '_' and '.'"
            )
        _positive(self.range_km, f"range of {self.id}")
        if self.cruise_kmh is not None:
            _positive(self.cruise_kmh, f"cruise speed of {self.id}")
        if self.figure not in FIGURES:
            raise CatalogError(
                f"figure {self.figure!r} of {self.id} is not one of {', '.join(FIGURES)}"
            )

    @property
    def range_for_reach_km(self) -> float:
        """One-way range: a combat radius is half of what the aircraft can fly one way."""
        return self.range_km * 2.0 if self.figure == "combat_radius" else self.range_km


@dataclass(frozen=True)
class Site:
    """A place: an airfield to land at or a point to overfly, in WGS84 degrees."""

    id: str
    name: str
    lat: float
    lon: float
    country: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)
    source: str = ""
    approximate: bool = False

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise CatalogError(
                f"site id {self.id!r} may hold only letters, digits, '-', '_' and '.'"
            )
        if not self.name.strip() or any(ord(char) < 32 for char in self.name):
            raise CatalogError(f"site {self.id} has an empty name or one with control characters")
        try:
            position = geo.check_position(lat=self.lat, lon=self.lon)
        except geo.GeoError as error:
            raise CatalogError(f"{error} for site {self.id}") from None
        object.__setattr__(self, "lat", position.lat)
        object.__setattr__(self, "lon", position.lon)


def _positive(value: float, what: str) -> None:
    if not (isinstance(value, (int, float)) and value > 0 and value != float("inf")):
        raise CatalogError(f"{what} {value!r} must be a positive number")


class SiteCatalog(Mapping[str, Site]):
    """Sites by id, with lookups by id, name, ICAO code or "lat,lon"."""

    def __init__(self, sites: Iterable[Site]) -> None:
        self._by_key: dict[str, Site] = {}
        for site in sites:
            if site.id.casefold() in self._by_key:
                raise CatalogError(f"site id {site.id!r} appears twice")
            self._by_key[site.id.casefold()] = site

    def __getitem__(self, key: str) -> Site:
        return self._by_key[key.casefold()]

    def __iter__(self) -> Iterator[str]:
        return (site.id for site in self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def merged(self, other: Iterable[Site]) -> SiteCatalog:
        """This catalog with `other`'s sites added (their ids must be new)."""
        return SiteCatalog([*self.values(), *other])

    def tagged(self, tag: str) -> list[Site]:
        return [site for site in self.values() if tag in site.tags]

    def resolve(self, query: str) -> Site:
        """The site a user means: a catalog id or name, an ICAO code, or "lat,lon".

        >>> bundled_sites().resolve("ukrainka (seryshevo), amur").id
        'UHBU'
        >>> bundled_sites().resolve("51.5, -0.12").name
        '51.5, -0.12'
        """
        text = query.strip()
        if not text:
            raise UnknownSiteError("a site name is empty")
        key = text.casefold()
        if key in self._by_key:
            return self._by_key[key]
        for site in self._by_key.values():
            if site.name.casefold() == key:
                return site
        coordinates = _LAT_LON.match(text)
        if coordinates:
            try:
                position = geo.check_position(lat=float(coordinates[1]), lon=float(coordinates[2]))
            except (geo.GeoError, ValueError) as error:
                raise UnknownSiteError(f"{error} in {text!r}") from None
            return Site(
                id=_point_id(position.lat, position.lon),
                name=text,
                lat=position.lat,
                lon=position.lon,
            )
        airport = icao_airports().get(text.upper())
        if airport is not None:
            return Site(
                id=text.upper(),
                name=str(airport["name"]),
                lat=float(airport["lat"]),
                lon=float(airport["lon"]),
                country=str(airport["country"]),
                tags=frozenset({"airport"}),
                source="airportsdata (OurAirports)",
            )
        close = _closest(
            text,
            {
                site.id: [site.id, site.name, *re.split(r"[\s,/()]+", site.name)]
                for site in self.values()
            },
        )
        named = [f"{site_id} ({self[site_id].name})" for site_id in close]
        hint = f"; did you mean {', '.join(named)}?" if close else ""
        raise UnknownSiteError(
            f"unknown site {text!r} (not a catalog id or name, ICAO code, or 'lat,lon'){hint}"
        )


def _point_id(lat: float, lon: float) -> str:
    """An id for a bare coordinate, e.g. 45.7N142E."""
    return f"{abs(lat):g}{'N' if lat >= 0 else 'S'}{abs(lon):g}{'E' if lon >= 0 else 'W'}"


def _closest(query: str, candidates: Mapping[str, list[str]], count: int = 3) -> list[str]:
    """The ids whose id, name or a word of the name look most like `query`."""
    key = query.casefold()
    scores = {
        name: max(
            difflib.SequenceMatcher(None, key, word.casefold()).ratio() for word in words if word
        )
        for name, words in candidates.items()
    }
    ranked = sorted((score, name) for name, score in scores.items() if score >= 0.6)
    return [name for _, name in reversed(ranked)][:count]


@cache
def icao_airports() -> Mapping[str, Mapping[str, Any]]:
    """airportsdata's airports by ICAO code (loaded once)."""
    import airportsdata

    airports: Mapping[str, Mapping[str, Any]] = airportsdata.load("ICAO")
    return airports


def _data_file(name: str) -> Any:
    return resources.files("routes").joinpath("data", name)


@cache
def bundled_aircraft() -> dict[str, Aircraft]:
    """The bundled aircraft catalog by id."""
    with _data_file("aircraft.csv").open(encoding="utf-8") as stream:
        rows = list(_csv_rows(stream, "aircraft.csv", ("id", "name", "range_km")))
    aircraft: dict[str, Aircraft] = {}
    for number, row in rows:
        try:
            plane = Aircraft(
                id=row["id"],
                name=row["name"],
                range_km=_number(row["range_km"], "range_km"),
                figure=row.get("figure") or "range",
                cruise_kmh=_number(row["cruise_kmh"], "cruise_kmh")
                if row.get("cruise_kmh")
                else None,
                source=row.get("source", ""),
            )
        except CatalogError as error:
            raise CatalogError(f"{error} in row {number} of aircraft.csv") from None
        aircraft[plane.id] = plane
    return aircraft


def find_aircraft(query: str) -> Aircraft:
    """An aircraft of the bundled catalog by id or name (case-insensitive)."""
    key = query.strip().casefold()
    for plane in bundled_aircraft().values():
        if key in (plane.id.casefold(), plane.name.casefold()):
            return plane
    close = _closest(
        query, {plane.id: [plane.id, plane.name] for plane in bundled_aircraft().values()}
    )
    hint = (
        f"; did you mean {', '.join(close)}?"
        if close
        else f"; known: {', '.join(bundled_aircraft())}"
    )
    raise UnknownSiteError(f"unknown aircraft {query!r}{hint} (or give --range-km)")


@cache
def bundled_sites() -> SiteCatalog:
    """The bundled site catalog."""
    with _data_file("sites.csv").open(encoding="utf-8") as stream:
        return SiteCatalog(
            _sites_from_rows(_csv_rows(stream, "sites.csv", _SITE_COLUMNS), "sites.csv")
        )


def read_sites(path: str | Path) -> list[Site]:
    """Sites from a user's CSV (columns id, name, lat, lon[, country, tags, source, approximate])
    or GeoJSON file (Point features with id and name properties), every row validated."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogError(f"cannot read sites file {file}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise CatalogError(f"sites file {file} is not UTF-8 text") from None
    if file.suffix.lower() in (".geojson", ".json"):
        rows = _geojson_rows(text, file.name)
    else:
        rows = list(_csv_rows(text.splitlines(keepends=True), file.name, _SITE_COLUMNS))
    sites = list(_sites_from_rows(rows, file.name))
    if not sites:
        raise CatalogError(f"sites file {file.name} holds no sites")
    SiteCatalog(sites)  # duplicate ids are an error of the file itself
    return sites


def _csv_rows(
    lines: Iterable[str], source: str, required: tuple[str, ...]
) -> Iterator[tuple[str, dict[str, str]]]:
    reader = csv.DictReader(lines)
    if reader.fieldnames is None:
        raise CatalogError(f"{source} is empty: it needs a header row with {', '.join(required)}")
    header = [name.strip() for name in reader.fieldnames]
    missing = [name for name in required if name not in header]
    if missing:
        raise CatalogError(
            f"{source} has no column {', '.join(missing)} (it has {', '.join(header)})"
        )
    reader.fieldnames = header
    for row in reader:
        if None in row:
            raise CatalogError(f"row {reader.line_num} of {source} has more fields than the header")
        values = {key: (value or "").strip() for key, value in row.items()}
        yield f"row {reader.line_num}", values


def _geojson_rows(text: str, source: str) -> list[tuple[str, dict[str, str]]]:
    try:
        data = json.loads(text)
        features = data["features"] if data.get("type") == "FeatureCollection" else [data]
    except (ValueError, AttributeError, KeyError, TypeError):
        raise CatalogError(f"{source} is not a GeoJSON FeatureCollection") from None
    rows = []
    for number, item in enumerate(features, start=1):
        geometry = item.get("geometry") if isinstance(item, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            raise CatalogError(f"feature {number} of {source} is not a Point")
        coordinates = geometry.get("coordinates") or []
        properties = item.get("properties") or {}
        if len(coordinates) < 2:
            raise CatalogError(f"feature {number} of {source} has no coordinates")
        values = {key: _text(value) for key, value in properties.items()}
        values["lon"], values["lat"] = _text(coordinates[0]), _text(coordinates[1])
        values.setdefault("id", _text(item.get("id", "")))
        rows.append((f"feature {number}", values))
    return rows


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return "" if value is None else str(value)


def _sites_from_rows(rows: Iterable[tuple[str, dict[str, str]]], source: str) -> Iterator[Site]:
    for where, row in rows:
        try:
            if not row.get("id"):
                raise CatalogError("no id")
            yield Site(
                id=row["id"],
                name=row.get("name") or row["id"],
                lat=_number(row.get("lat", ""), "latitude"),
                lon=_number(row.get("lon", ""), "longitude"),
                country=row.get("country", "").upper(),
                tags=frozenset(
                    tag.strip() for tag in re.split(r"[;|]", row.get("tags", "")) if tag.strip()
                ),
                source=row.get("source", "") or source,
                approximate=_flag(row.get("approximate", "")),
            )
        except CatalogError as error:
            raise CatalogError(f"{error} in {where} of {source}") from None


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CatalogError(f"{what} {text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CatalogError(f"{what} {text!r} is not a finite number")
    return value


def _flag(text: str) -> bool:
    value = text.strip().casefold()
    if value in ("", "false", "no", "0"):
        return False
    if value in ("true", "yes", "1"):
        return True
    raise CatalogError(f"approximate {text!r} is not true or false")
