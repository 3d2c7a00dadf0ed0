"""The weapons catalog: air-launched missiles with their published range and the aircraft that
carry them (routes/data/weapons.csv, every figure sourced)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Weapon",
]

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
