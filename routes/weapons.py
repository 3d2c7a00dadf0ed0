"""The weapons catalog: air-launched missiles with their published range and the aircraft that
carry them (routes/data/weapons.csv, every figure sourced)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from routes.catalog import (
    Aircraft,
    bundled_aircraft,
    closest_names,
    csv_rows,
    data_file,
)
from routes.errors import CatalogError, RoutesError, UnknownSiteError
from routes.inputs import shown
from routes.numbers import number_in

__all__ = ["Weapon", "bundled_weapons", "check_carried", "find_weapon"]

_COLUMNS = ("id", "name", "kind", "range_km", "carriers", "source")
KINDS = ("cruise-missile", "anti-ship-missile")


@dataclass(frozen=True)
class Weapon:
    """A weapon: its published range (km) and the catalog aircraft that carry it."""

    id: str
    name: str
    kind: str
    range_km: float
    carriers: tuple[str, ...]
    source: str


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
