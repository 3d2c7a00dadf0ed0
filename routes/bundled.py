"""The bundled catalogs (aircraft and their published ranges, sites, weapons: routes/data, every
figure sourced) and the CSV row rule every catalog file is read by."""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from routes.catalog import DEFAULT_RANGE_SOURCE, FIGURES, Aircraft, Site, SiteCatalog, closest_names
from routes.errors import (
    CONTROL_CHARACTERS,
    CatalogError,
    RoutesError,
    UnknownSiteError,
    parameter,
    shown,
)
from routes.numbers import latitude_in, longitude_in, number_in
from routes.weapons import KINDS, Weapon

__all__ = [
    "bundled_aircraft",
    "bundled_sites",
    "bundled_weapons",
    "check_carried",
    "csv_rows",
    "data_file",
    "find_aircraft",
    "find_weapon",
    "range_sources",
    "with_range_source",
]


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
    raise UnknownSiteError(
        f"unknown aircraft {shown(query)}{hint} (or give {parameter('range_km')})"
    )


@cache
def bundled_sites() -> SiteCatalog:
    """The bundled site catalog."""
    with data_file("sites.csv").open(encoding="utf-8", newline="") as stream:
        return SiteCatalog(
            _sites_from_rows(csv_rows(stream, "sites.csv", _SITE_COLUMNS), "sites.csv")
        )


@cache
def bundled_weapons() -> dict[str, Weapon]:
    """The bundled weapons catalog by id."""
    weapons: dict[str, Weapon] = {}
    with data_file("weapons.csv").open(encoding="utf-8", newline="") as stream:
        for where, row in csv_rows(stream, "weapons.csv", _COLUMNS):
            if row["kind"] not in KINDS:
                raise CatalogError(f"kind {shown(row['kind'])} in {where} of weapons.csv")
            range_km = number_in(row["range_km"], "range_km")
            if range_km <= 0.0:
                raise CatalogError(f"range_km {range_km:g} in {where} of weapons.csv")
            weapons[row["id"]] = Weapon(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                range_km=range_km,
                carriers=tuple(part.strip() for part in row["carriers"].split(";") if part.strip()),
                source=row["source"],
            )
    return weapons


def find_weapon(query: str) -> Weapon:
    """A weapon of the catalog by id or name (case-insensitive)."""
    key = query.strip().casefold()
    for weapon in bundled_weapons().values():
        if key in (weapon.id.casefold(), weapon.name.casefold()):
            return weapon
    close = closest_names(query, {w.id: [w.id, w.name] for w in bundled_weapons().values()})
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownSiteError(
        f"unknown weapon {shown(query)}{hint} (see `rangemap weapons`: "
        f"{', '.join(bundled_weapons())})"
    )


def check_carried(weapon: Weapon, aircraft: Aircraft) -> None:
    """Refuse a weapon a catalog aircraft is not published to carry (an aircraft given by its
    range alone, not in the catalog, may carry any)."""
    if aircraft.id in bundled_aircraft() and aircraft.id not in weapon.carriers:
        carriers = ", ".join(weapon.carriers) or "no catalog aircraft"
        raise RoutesError(
            f"the {aircraft.name} does not carry the {weapon.name} (carried by {carriers})"
        )


_COLUMNS = ("id", "name", "kind", "range_km", "carriers", "source")


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
            shown(name, 30) if CONTROL_CHARACTERS.search(name) else name for name in header
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


_TAG_SEPARATOR = re.compile(r"[;|]")


_SITE_COLUMNS = ("id", "name", "lat", "lon")
