"""Refuelling fields as arrays: a catalog's sites or every airport in airportsdata, with a spatial index.

Positions are kept as unit vectors too, for a KD-tree on the sphere; every distance that decides
anything is then confirmed on the WGS84 ellipsoid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

import geo
from routes.catalog import Site, airport_site, icao_airports

__all__ = ["EARTH_RADIUS_FLOOR_KM", "FieldSet", "all_airports"]

#: Below the WGS84 polar radius (6,356.75 km) with room to spare: central angles from it over-
#: estimate any geodesic's angle, so a sphere search with it never misses a field in range.
EARTH_RADIUS_FLOOR_KM = 6300.0


def chord_for_km(km: float) -> float:
    """The chord of the unit sphere that surely contains every point within `km` on the ellipsoid."""
    angle = min(np.pi, km / EARTH_RADIUS_FLOOR_KM)
    return float(2.0 * np.sin(angle / 2.0))


@dataclass
class FieldSet:
    """Fields by index: ids, positions, and the sites they stand for (made on demand)."""

    ids: list[str]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    _sites: dict[int, Site] = field(default_factory=dict)
    _records: Sequence[Mapping[str, Any]] | None = None

    @classmethod
    def from_sites(cls, sites: Iterable[Site]) -> FieldSet:
        unique = {site.id: site for site in sites}
        chosen = list(unique.values())
        fields = cls(
            ids=[site.id for site in chosen],
            lat=np.array([site.lat for site in chosen], dtype=float),
            lon=np.array([site.lon for site in chosen], dtype=float),
        )
        fields._sites = dict(enumerate(chosen))
        return fields

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def named(self) -> bool:
        """Whether every field was named (catalog or user sites), not taken from airportsdata."""
        return self._records is None

    @cached_property
    def xyz(self) -> NDArray[np.float64]:
        return geo.unit_vectors(self.lat, self.lon)

    @cached_property
    def tree(self) -> Any:
        from scipy.spatial import cKDTree

        return cKDTree(self.xyz)

    def site(self, index: int) -> Site:
        if index not in self._sites:
            record = self._records[index] if self._records is not None else None
            if record is None:  # pragma: no cover - every field has a site or a record
                raise IndexError(index)
            self._sites[index] = airport_site(self.ids[index], record)
        return self._sites[index]

    def countries(self) -> set[str]:
        """The country codes of the fields (sites' own, or airportsdata's)."""
        codes = {site.country for site in self._sites.values()}
        if self._records is not None:
            codes |= {str(record["country"]) for record in self._records}
        return {code for code in codes if code}

    def with_sites(self, sites: Iterable[Site]) -> tuple[FieldSet, list[int]]:
        """This set with `sites` added where their ids are new, and standing for the fields of
        their ids (where they lie too) where not; returns it and the sites' indices."""
        sites = list(sites)
        position = {field_id: index for index, field_id in enumerate(self.ids)}
        extra = [site for site in dict.fromkeys(sites) if site.id not in position]
        merged = FieldSet(
            ids=[*self.ids, *(site.id for site in extra)],
            lat=np.concatenate([self.lat, [site.lat for site in extra]]),
            lon=np.concatenate([self.lon, [site.lon for site in extra]]),
            _sites=dict(self._sites),
            _records=self._records,
        )
        for offset, site in enumerate(extra):
            merged._sites[len(self) + offset] = site
        index = {field_id: number for number, field_id in enumerate(merged.ids)}
        for site in sites:  # the caller's own site wins, where it lies too
            merged._sites[index[site.id]] = site
            merged.lat[index[site.id]], merged.lon[index[site.id]] = site.lat, site.lon
        return merged, [index[site.id] for site in sites]

    def distances_to(self, lat: float, lon: float) -> NDArray[np.float64]:
        """Exact WGS84 distance in km from every field to one point."""
        if not len(self):
            return np.zeros(0)
        return np.asarray(geo.distance_km(lat1=self.lat, lon1=self.lon, lat2=lat, lon2=lon))

    def pair_distances(
        self, first: NDArray[np.intp], second: NDArray[np.intp]
    ) -> NDArray[np.float64]:
        """Exact WGS84 distances between fields first[k] and second[k]."""
        if not first.size:
            return np.zeros(0)
        return np.asarray(
            geo.distance_km(
                lat1=self.lat[first],
                lon1=self.lon[first],
                lat2=self.lat[second],
                lon2=self.lon[second],
            )
        )


def all_airports(countries: Iterable[str] = ()) -> FieldSet:
    """Every airport in airportsdata (about 28,000 ICAO entries), or those of the given countries."""
    wanted = {country.upper() for country in countries}
    records = [r for r in icao_airports().values() if not wanted or r["country"] in wanted]
    return FieldSet(
        ids=[str(r["icao"]) for r in records],
        lat=np.array([r["lat"] for r in records], dtype=float),
        lon=np.array([r["lon"] for r in records], dtype=float),
        _records=records,
    )
