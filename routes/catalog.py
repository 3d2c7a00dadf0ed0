"""Aircraft and site catalogs: the bundled CSV files, users' CSV/GeoJSON files, and lookups."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import difflib
import gc
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import geo
from routes.errors import CatalogError, RoutesError, UnknownSiteError
from routes.inputs import open_binary, open_text, shown
from routes.numbers import latitude_in, longitude_in, number_in
from routes.sites_geojson import geojson_site_rows

__all__ = [
    "DEFAULT_RANGE_SOURCE",
    "FIGURES",
    "Aircraft",
    "Site",
    "SiteCatalog",
    "bundled_aircraft",
    "bundled_sites",
    "find_aircraft",
    "range_sources",
    "read_sites",
    "with_range_source",
]

#: What a published aircraft figure measures.
FIGURES = ("range", "ferry_range", "combat_radius")
#: The published range each catalog aircraft uses unless --range-source picks another.
DEFAULT_RANGE_SOURCE = "analysis-2019"
#: Plausible bounds of an aircraft's range (km) and cruise speed (km/h).
RANGE_KM_BOUNDS = (1.0, 100_000.0)
CRUISE_KMH_BOUNDS = (1.0, 50_000.0)
# airportsdata has ids that start with "_" (e.g. _MLH), so ids may too.
_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$", re.ASCII)
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_LAT_LON = re.compile(rf"^\s*({_NUMBER})\s*,\s*({_NUMBER})\s*$", re.ASCII)
_COUNTRY = re.compile(r"^[A-Z]{2}$", re.ASCII)
# Control characters, bidirectional overrides and isolates (they make "\u202eevil" read "live"),
# and lone surrogates (no UTF-8 can carry them).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: Ids rangemap gives bare coordinates ("34N129.5E"): a site of a user's may not take one.
_POINT_ID = re.compile(r"\d+(?:\.\d+)?[NS]\d+(?:\.\d+)?[EW]", re.ASCII | re.IGNORECASE)
#: The ids routes.flown gives the points of a flown track (its ends, and where it is left to land).
_TRACK_POINT_ID = re.compile(r"track-(?:start|end)|km\d+", re.ASCII | re.IGNORECASE)
#: Words --refuel-at gives a meaning of its own.
RESERVED_IDS = frozenset({"any", "none"})
_TAG_SEPARATOR = re.compile(r"[;|]")
_SITE_COLUMNS = ("id", "name", "lat", "lon")
_MAX_ID, _MAX_NAME, _MAX_TEXT, _MAX_QUERY = 64, 200, 2000, 200
#: Above this many sites, suggestions for an unknown name look only at names sharing its start.
_SUGGEST_ALL_UP_TO = 2000
#: A user's site may carry an ICAO code as its id only if it is that airport (within this distance).
_SAME_AIRPORT_KM = 10.0


@dataclass(frozen=True)
class Aircraft:
    """An aircraft type with its published range figure and where it was published."""

    id: str
    name: str
    range_km: float
    figure: str = "range"
    cruise_kmh: float | None = None
    source: str = ""
    #: The state that flies it (ISO 3166-1 alpha-2): whose airspace it may always use.
    operator: str = ""
    #: Which published figure range_km is (a label of routes/data/aircraft_ranges.csv).
    range_source: str = DEFAULT_RANGE_SOURCE

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise CatalogError(
                f"aircraft id {self.id!r} may hold only letters, digits, '-', '_' and '.'"
            )
        _bounded(self.range_km, f"range_km of {self.id}", RANGE_KM_BOUNDS, "km")
        if self.cruise_kmh is not None:
            _bounded(self.cruise_kmh, f"cruise_kmh of {self.id}", CRUISE_KMH_BOUNDS, "km/h")
        if self.operator and not _COUNTRY.fullmatch(self.operator):
            raise CatalogError(
                f"operator {shown(self.operator)} of {self.id} is not a two-letter ISO 3166 code"
            )
        if self.figure not in FIGURES:
            raise CatalogError(
                f"figure {self.figure!r} of {self.id} is not one of {', '.join(FIGURES)}"
            )

    @property
    def range_for_reach_km(self) -> float:
        """One-way range: a combat radius is half of what the aircraft can fly one way."""
        return self.range_km * 2.0 if self.figure == "combat_radius" else self.range_km


@dataclass(frozen=True, slots=True)
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
        if len(self.id) > _MAX_ID or not _ID.fullmatch(self.id):
            raise CatalogError(
                f"site id {shown(self.id)} may hold only letters, digits, '-', '_' and '.'"
                f" (at most {_MAX_ID})"
            )
        if not self.name.strip() or len(self.name) > _MAX_NAME:
            raise CatalogError(
                f"site {self.id} has an empty name or one over {_MAX_NAME} characters"
            )
        for what, text in (("name", self.name), ("source", self.source)):
            _check_text(text, what, self.id)
        for tag in self.tags:
            _check_text(tag, "tag", self.id)
        if self.country and not _COUNTRY.fullmatch(self.country):
            raise CatalogError(
                f"country {shown(self.country)} of site {self.id} is not a two-letter ISO 3166 code"
            )
        lat, lon = self.lat, self.lon
        if (
            type(lat) is float
            and type(lon) is float
            and -90.0 <= lat <= 90.0
            and -180.0 <= lon < 180.0
        ):
            return  # already a valid position (NaN fails every comparison, so it is checked below)
        try:
            position = geo.check_position(lat=lat, lon=lon)
        except geo.GeoError as error:
            raise CatalogError(f"{error} for site {self.id}") from None
        object.__setattr__(self, "lat", position.lat)
        object.__setattr__(self, "lon", position.lon)


def _check_text(text: str, what: str, site_id: str) -> None:
    if len(text) > _MAX_TEXT or _CONTROL.search(text):
        raise CatalogError(
            f"the {what} of site {site_id} holds control characters or is over {_MAX_TEXT} characters"
        )


def _bounded(value: float, what: str, bounds: tuple[float, float], unit: str) -> None:
    low, high = bounds
    if not (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    ):
        raise CatalogError(f"{what} {value!r} must be a number from {low:,g} to {high:,g} {unit}")


class SiteCatalog(Mapping[str, Site]):
    """Sites by id, with lookups by id, name, ICAO code or "lat,lon"."""

    def __init__(self, sites: Iterable[Site]) -> None:
        self._by_key: dict[str, Site] = {}
        for site in sites:
            key = site.id.casefold()
            if key in self._by_key:
                raise CatalogError(f"site id {site.id!r} appears twice")
            self._by_key[key] = site
        # A name must not be another site's id: the name would then mean two places.
        for site in self._by_key.values():
            named = self._by_key.get(site.name.casefold())
            if named is not None and named is not site:
                raise CatalogError(
                    f"site {site.id} is named {shown(site.name)}, the id of site {named.id}"
                )

    def __getitem__(self, key: str) -> Site:
        return self._by_key[key.casefold()]

    def __iter__(self) -> Iterator[str]:
        return (site.id for site in self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    @cached_property
    def _by_name(self) -> dict[str, list[Site]]:
        names: dict[str, list[Site]] = {}
        for site in self._by_key.values():
            names.setdefault(site.name.casefold(), []).append(site)
        return names

    def merged(self, other: Iterable[Site]) -> SiteCatalog:
        """This catalog with `other`'s sites added: their ids must be new, and no id of one may
        be the name of another (a name would then mean two sites)."""
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
        if len(text) > _MAX_QUERY:
            raise UnknownSiteError(f"site name {shown(text)} is too long to be a site")
        key = text.casefold()
        if key in self._by_key:
            return self._by_key[key]
        named = self._by_name.get(key, [])
        if len(named) > 1:
            raise UnknownSiteError(
                f"{shown(text)} names {len(named)} sites ({', '.join(s.id for s in named[:5])}); "
                "give its id"
            )
        if named:
            return named[0]
        coordinates = _LAT_LON.fullmatch(text)
        if coordinates:
            try:
                lat, lon = latitude_in(coordinates[1]), longitude_in(coordinates[2])
            except RoutesError as error:
                raise UnknownSiteError(f"{error} in {shown(text)}") from None
            position = geo.check_position(lat=lat, lon=lon)
            return Site(
                id=_point_id(position.lat, position.lon),
                name=text,
                lat=position.lat,
                lon=position.lon,
            )
        airport = icao_airports().get(text.upper())
        if airport is not None:
            return airport_site(text.upper(), airport)
        close = closest_names(text, self._suggestion_candidates(key))
        named_close = [f"{site_id} ({self[site_id].name})" for site_id in close]
        hint = f"; did you mean {', '.join(named_close)}?" if close else ""
        raise UnknownSiteError(
            f"unknown site {shown(text)} (not a catalog id or name, ICAO code, or 'lat,lon'){hint}"
        )

    def _suggestion_candidates(self, key: str) -> dict[str, list[str]]:
        """Ids with the words to compare; in a large catalog only those sharing the query's start,
        so that a suggestion costs little whatever the catalog's size."""
        sites: Iterable[Site] = self._by_key.values()
        if len(self) > _SUGGEST_ALL_UP_TO:
            start = key[:2]
            sites = [
                site
                for site in sites
                if site.id.casefold().startswith(start) or site.name.casefold().startswith(start)
            ][:_SUGGEST_ALL_UP_TO]
        return {site.id: [site.id, site.name, *re.split(r"[\s,/()]+", site.name)] for site in sites}


def airport_site(code: str, airport: Mapping[str, Any]) -> Site:
    """The site of an airportsdata entry."""
    return Site(
        id=code,
        name=str(airport["name"]),
        lat=float(airport["lat"]),
        lon=float(airport["lon"]),
        country=str(airport["country"]),
        tags=frozenset({"airport"}),
        source="airportsdata (OurAirports)",
    )


def _point_id(lat: float, lon: float) -> str:
    """An id for a bare coordinate, e.g. 45.7N142E."""
    return f"{abs(lat):g}{'N' if lat >= 0 else 'S'}{abs(lon):g}{'E' if lon >= 0 else 'W'}"


def closest_names(query: str, candidates: Mapping[str, list[str]], count: int = 3) -> list[str]:
    """The ids whose id, name or a word of the name look most like `query`."""
    key = query.casefold()[:_MAX_ID]
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


def data_file(name: str) -> Any:
    return resources.files("routes").joinpath("data", name)


@cache
def bundled_aircraft() -> dict[str, Aircraft]:
    """The bundled aircraft catalog by id."""
    with data_file("aircraft.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv_rows(stream, "aircraft.csv", ("id", "name", "range_km")))
    aircraft: dict[str, Aircraft] = {}
    for where, row in rows:
        try:
            plane = Aircraft(
                id=row["id"],
                name=row["name"],
                range_km=number_in(row["range_km"], "range_km"),
                figure=row.get("figure") or "range",
                cruise_kmh=number_in(row["cruise_kmh"], "cruise_kmh")
                if row.get("cruise_kmh")
                else None,
                source=row.get("source", ""),
                operator=row.get("operator", ""),
            )
        except RoutesError as error:
            raise CatalogError(f"{error} in {where} of aircraft.csv") from None
        aircraft[plane.id] = plane
    return aircraft


@cache
def _published_ranges() -> dict[str, dict[str, tuple[float, str, str]]]:
    """aircraft id -> label -> (range_km, figure, source), from aircraft_ranges.csv."""
    with data_file("aircraft_ranges.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(
            csv_rows(stream, "aircraft_ranges.csv", ("aircraft", "label", "range_km", "source"))
        )
    ranges: dict[str, dict[str, tuple[float, str, str]]] = {}
    for where, row in rows:
        figure = row.get("figure") or "range"
        if figure not in FIGURES:
            raise CatalogError(f"figure {shown(figure)} in {where} of aircraft_ranges.csv")
        ranges.setdefault(row["aircraft"], {})[row["label"]] = (
            number_in(row["range_km"], "range_km"),
            figure,
            row["source"],
        )
    return ranges


def range_sources(aircraft_id: str) -> list[str]:
    """The labels of the published ranges of a catalog aircraft, its default first."""
    labels = list(_published_ranges().get(aircraft_id, {}))
    return sorted(labels, key=lambda label: label != DEFAULT_RANGE_SOURCE)


def with_range_source(plane: Aircraft, label: str) -> Aircraft:
    """The aircraft with another published range (and that figure's source in place of the
    range's), or UnknownSiteError naming the labels there are."""
    published = _published_ranges().get(plane.id, {})
    if label not in published:
        known = ", ".join(range_sources(plane.id)) or "none"
        raise UnknownSiteError(
            f"{plane.name} has no published range {shown(label)}; its ranges are {known}"
        )
    range_km, figure, source = published[label]
    rest = plane.source.split("; ", 1)[1] if "; " in plane.source else ""
    return dataclasses.replace(
        plane,
        range_km=range_km,
        figure=figure,
        source=f"range ({label}): {source}" + (f"; {rest}" if rest else ""),
        range_source=label,
    )


def find_aircraft(query: str) -> Aircraft:
    """An aircraft of the bundled catalog by id or name (case-insensitive)."""
    key = query.strip().casefold()
    for plane in bundled_aircraft().values():
        if key in (plane.id.casefold(), plane.name.casefold()):
            return plane
    close = closest_names(
        query, {plane.id: [plane.id, plane.name] for plane in bundled_aircraft().values()}
    )
    hint = (
        f"; did you mean {', '.join(close)}?"
        if close
        else f"; known: {', '.join(bundled_aircraft())}"
    )
    raise UnknownSiteError(f"unknown aircraft {shown(query)}{hint} (or give --range-km)")


@cache
def bundled_sites() -> SiteCatalog:
    """The bundled site catalog."""
    with data_file("sites.csv").open(encoding="utf-8", newline="") as stream:
        return SiteCatalog(
            _sites_from_rows(csv_rows(stream, "sites.csv", _SITE_COLUMNS), "sites.csv")
        )


def read_sites(path: str | Path) -> list[Site]:
    """Sites from a user's CSV (columns id, name, lat, lon[, country, tags, source, approximate])
    or GeoJSON file (Point features with id and name properties), every row validated.

    A site whose id or name looks like coordinates, or is the ICAO code of another airport, is
    refused: "lat,lon" and ICAO codes must keep meaning what they say.
    """
    file = Path(path)
    if file.suffix.lower() in (".geojson", ".json"):
        with open_binary(file, "sites file", CatalogError) as binary, _no_garbage_collection():
            sites = _checked(geojson_site_rows(binary, file.name), file.name)
    else:
        with open_text(file, "sites file", CatalogError) as text, _no_garbage_collection():
            try:
                sites = _checked(csv_rows(text, file.name, _SITE_COLUMNS), file.name)
            except UnicodeDecodeError as error:
                raise CatalogError(
                    f"sites file {file.name} is not UTF-8 text (byte {error.start} of a block)"
                ) from None
    if not sites:
        raise CatalogError(f"sites file {file.name} holds no sites")
    SiteCatalog(sites)  # duplicate ids are an error of the file itself
    return sites


def _checked(rows: Iterable[tuple[str, dict[str, str]]], source: str) -> list[Site]:
    """The rows' sites, each checked as it is read (the first bad one stops the reading)."""
    return [_unambiguous(site, where, source) for where, site in _sited(rows, source)]


@contextlib.contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Pause the cycle collector while a million small objects are made (none of them in a cycle):
    otherwise it walks them again and again, for a quarter of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _unambiguous(site: Site, where: str, source: str) -> Site:
    """`site` if its id and name cannot be mistaken for coordinates, another airport's ICAO code or
    a word of --refuel-at; else CatalogError naming the row."""
    problem = ambiguity(site)
    if problem:
        raise CatalogError(f"{problem} in {where} of {source}")
    return site


def ambiguity(site: Site) -> str:
    """What makes a user's site ambiguous (its id or name reads as coordinates, a point's id, an
    airport's ICAO code elsewhere, or a reserved word), or "" if nothing does."""
    if site.id.casefold() in RESERVED_IDS:
        return f"site id {shown(site.id)} is a word of --refuel-at; give the site another id"
    if _POINT_ID.fullmatch(site.id) or _TRACK_POINT_ID.fullmatch(site.id):
        return (
            f"site id {shown(site.id)} is how rangemap names a bare point; give the site another id"
        )
    for what, text in (("id", site.id), ("name", site.name)):
        if _LAT_LON.fullmatch(text):
            return (
                f"site {what} {shown(text)} looks like coordinates; give the site a name of words"
            )
        # Names are looked up casefolded ("\ufb01MP" is "fimp"): compare the same way.
        key = text.casefold().upper()
        airport = icao_airports().get(key) if len(key) == 4 and key.isascii() else None
        if airport is not None and not _is_that_airport(site, airport):
            return (
                f"site {what} {shown(text)} is the ICAO code of {airport['name']}, which is "
                f"elsewhere; give the site another {what}"
            )
    return ""


def _is_that_airport(site: Site, airport: Mapping[str, Any]) -> bool:
    away = geo.distance_km(
        lat1=site.lat, lon1=site.lon, lat2=float(airport["lat"]), lon2=float(airport["lon"])
    )
    return bool(away <= _SAME_AIRPORT_KM)


def csv_rows(
    lines: Iterable[str],
    source: str,
    required: tuple[str, ...],
    *,
    header_check: Callable[[list[str]], None] | None = None,
) -> Iterator[tuple[str, dict[str, str]]]:
    """The rows of a CSV file with a header naming at least the `required` columns (and passing
    `header_check`, if given), each as its place ("row 7") and a dict of its stripped fields."""
    reader = csv.reader(lines)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise CatalogError(
            f"{source} is empty: it needs a header row with {', '.join(required)}"
        ) from None
    except csv.Error as error:
        raise CatalogError(f"{source} is not a CSV file: {error}") from None
    doubled = sorted({name for name in header if header.count(name) > 1})
    if doubled:
        raise CatalogError(f"{source} names column {', '.join(map(shown, doubled))} twice")
    missing = [name for name in required if name not in header]
    if missing:
        shown_header = ", ".join(
            shown(name, 30) if _CONTROL.search(name) else name for name in header
        )
        raise CatalogError(
            f"{source} has no column {', '.join(missing)} (it has {shown_header[:300]})"
        )
    if header_check is not None:
        header_check(header)
    width = len(header)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CatalogError(
                f"row {reader.line_num} of {source} cannot be read: {error}"
            ) from None
        if not row:
            continue
        if len(row) > width:
            raise CatalogError(f"row {reader.line_num} of {source} has more fields than the header")
        yield f"row {reader.line_num}", dict(zip(header, map(str.strip, row), strict=False))


def _sited(rows: Iterable[tuple[str, dict[str, str]]], source: str) -> Iterator[tuple[str, Site]]:
    for where, row in rows:
        try:
            if not row.get("id"):
                raise CatalogError("no id")
            tags = row.get("tags", "")
            yield (
                where,
                Site(
                    id=row["id"],
                    name=row.get("name") or row["id"],
                    lat=latitude_in(row.get("lat", "")),
                    lon=longitude_in(row.get("lon", "")),
                    country=_country(row.get("country", "")),
                    tags=frozenset(filter(None, map(str.strip, _TAG_SEPARATOR.split(tags))))
                    if tags
                    else frozenset(),
                    source=row.get("source", "") or source,
                    approximate=_flag(row.get("approximate", "")),
                ),
            )
        except RoutesError as error:
            raise CatalogError(f"{error} in {where} of {source}") from None


def _sites_from_rows(rows: Iterable[tuple[str, dict[str, str]]], source: str) -> Iterator[Site]:
    return (site for _, site in _sited(rows, source))


def _country(text: str) -> str:
    """A country code as written, in capitals (ASCII only: "\u00df".upper() is "SS")."""
    return text.upper() if text.isascii() else text


def _flag(text: str) -> bool:
    value = text.strip().casefold()
    if value in ("", "false", "no", "0"):
        return False
    if value in ("true", "yes", "1"):
        return True
    raise CatalogError(f"approximate {shown(text)} is not true or false")
