"""Users' site files (CSV or GeoJSON): every row checked, and no site whose id or name could be
mistaken for coordinates, an ICAO code of another airport or a reserved word."""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import geo
from formats.inputs import open_binary, open_text
from formats.sites_geojson import geojson_site_rows
from routes.bundled import _SITE_COLUMNS, _sited, csv_rows
from routes.catalog import LAT_LON, Site, SiteCatalog, icao_airports
from routes.errors import CatalogError, parameter, shown

__all__ = ["RESERVED_IDS", "ambiguity", "csv_rows", "read_sites"]


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
        return (
            f"site id {shown(site.id)} is a word of {parameter('refuel_at')}; give the site "
            "another id"
        )
    if _POINT_ID.fullmatch(site.id) or _TRACK_POINT_ID.fullmatch(site.id):
        return (
            f"site id {shown(site.id)} is how rangemap names a bare point; give the site another id"
        )
    for what, text in (("id", site.id), ("name", site.name)):
        if LAT_LON.fullmatch(text):
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


#: Ids rangemap gives bare coordinates ("34N129.5E"): a site of a user's may not take one.
_POINT_ID = re.compile(r"\d+(?:\.\d+)?[NS]\d+(?:\.\d+)?[EW]", re.ASCII | re.IGNORECASE)


#: The ids routes.flown.analysis gives the points of a flown track (its ends, and where it is left to land).
_TRACK_POINT_ID = re.compile(r"track-(?:start|end)|km\d+", re.ASCII | re.IGNORECASE)


#: Words --refuel-at gives a meaning of its own.
RESERVED_IDS = frozenset({"any", "none"})


#: A user's site may carry an ICAO code as its id only if it is that airport (within this distance).
_SAME_AIRPORT_KM = 10.0
