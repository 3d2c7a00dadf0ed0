"""Aircraft and sites, and the site catalog that resolves names, ICAO codes and coordinates."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import geo
from routes.errors import CONTROL_CHARACTERS, CatalogError, RoutesError, UnknownSiteError, shown
from routes.numbers import latitude_in, longitude_in

__all__ = [
    "DEFAULT_RANGE_SOURCE",
    "FIGURES",
    "Aircraft",
    "Site",
    "SiteCatalog",
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
LAT_LON = re.compile(rf"^\s*({_NUMBER})\s*,\s*({_NUMBER})\s*$", re.ASCII)
_COUNTRY = re.compile(r"^[A-Z]{2}$", re.ASCII)
# Control characters, bidirectional overrides and isolates (they make "\u202eevil" read "live"),
# and lone surrogates (no UTF-8 can carry them).
_MAX_ID, _MAX_NAME, _MAX_TEXT, _MAX_QUERY = 64, 200, 2000, 200
#: Above this many sites, suggestions for an unknown name look only at names sharing its start.
_SUGGEST_ALL_UP_TO = 2000


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
    if len(text) > _MAX_TEXT or CONTROL_CHARACTERS.search(text):
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

        >>> from routes.bundled import bundled_sites
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
        coordinates = LAT_LON.fullmatch(text)
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
