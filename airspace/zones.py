"""The zones: sovereign airspace per state and the ADIZs, with their source and exactness.

Sovereign airspace is land + territorial sea: a 12 NM geodesic buffer (WGS84) of Natural Earth 10m
land, 3 NM in Japan's five specified straits and South Korea's side of the Korea Strait, split along
the median line where two states' buffers meet. The shipped outline contains the true buffer and
exceeds it by at most 1 km (0.12 to 0.80 km as measured by the build). It understates the
territorial sea wherever straight baselines apply (China, Japan, Korea, Russia, ...).
airspace/data/README.md gives the sources and the method.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from airspace._data import adiz_features, sovereign_geometries, sovereign_metadata
from airspace.errors import UnknownZoneError

__all__ = [
    "Zone",
    "check_states",
    "find_zone",
    "sovereign_of",
    "sovereign_zone",
    "states",
    "zones",
]

Kind = Literal["sovereign", "adiz"]
Side = Literal["left", "right"]

#: Common codes that are not ISO 3166-1 alpha-2, and the code meant.
_ALIASES = {"UK": "GB", "EL": "GR"}


@dataclass(frozen=True)
class Zone:
    """One zone: a state's sovereign airspace or an ADIZ, as a shapely geometry in (lon, lat).

    A zone known only in part (``complete`` False) is a boundary line; ``inside`` says which side
    of the line, in its stored order, is inside the zone. Polygons follow RFC 7946 (cut at
    +/-180, exteriors counter-clockwise). ``short_name`` is what texts call it ("KADIZ"; a
    state's airspace by its name).
    """

    id: str
    name: str
    short_name: str
    kind: Kind
    state: str
    exact: bool
    complete: bool
    source: str
    edge_rule: str
    inside: Side | None
    notes: str
    geometry: BaseGeometry = field(repr=False, compare=False)

    @property
    def authority(self) -> str:
        """The source cut to the authority it cites, without the copy it was read in.

        >>> find_zone("adiz-US-GU").authority
        '14 CFR 99.47 (Doc. No. 25113, 53 FR 18217, 20 May 1988; redesignated 69 FR 16756, 30 Mar 2004)'
        """
        found = [at for marker in _COPY_MARKERS if (at := self.source.find(marker)) > 0]
        return self.source[: min(found, default=len(self.source))].rstrip(" ,;")


#: Where a zone's source turns from the authority it cites to the copy it was read in.
_COPY_MARKERS = (
    " as printed in",
    " as transcribed in",
    " as reported by",
    "; read in",
    "; read at",
    " read in",
    ", http",
)


@cache
def _zones() -> tuple[Zone, ...]:
    meta = sovereign_metadata()
    edge_rule = (
        f"{meta['method']}; the outline contains the true buffer and lies 0 to "
        f"{meta['excess_bound_km']:g} km beyond it"
    )
    sovereign = [
        Zone(
            id=f"sovereign-{code}",
            name=f"{meta['names'][code]}: sovereign airspace (land and territorial sea)",
            short_name=f"{meta['names'][code]} sovereign airspace",
            kind="sovereign",
            state=code,
            exact=False,
            complete=True,
            source=meta["source"],
            edge_rule=edge_rule,
            inside=None,
            notes="Approximate: a buffer of a generalised coastline; straight baselines, internal "
            "waters and agreed boundaries are not modelled, so the real limit may lie farther out.",
            geometry=geometry,
        )
        for code, geometry in sovereign_geometries().items()
    ]
    adiz = [
        Zone(
            id=props["id"],
            name=props["name"],
            short_name=props["short_name"],
            kind="adiz",
            state=props["state"],
            exact=props["exact"],
            complete=props["complete"],
            source=props["source"],
            edge_rule=props["edge_rule"],
            inside=props["inside"],
            notes=props["notes"],
            geometry=shape(feature["geometry"]),
        )
        for feature in adiz_features()
        for props in [feature["properties"]]
    ]
    return (*sovereign, *adiz)


def zones() -> tuple[Zone, ...]:
    """Every zone: sovereign airspace of each state (by code), then the ADIZs. Read once."""
    return _zones()


@cache
def _by_id() -> dict[str, Zone]:
    return {zone.id: zone for zone in _zones()}


def find_zone(zone_id: str) -> Zone:
    """The zone with this id (``sovereign-RU``, ``adiz-JP``, ...).

    >>> find_zone("adiz-US-AK").complete
    True
    """
    found = _by_id().get(zone_id)
    if found is not None:
        return found
    raise UnknownZoneError(f"unknown zone {zone_id!r}; {_zone_hint(str(zone_id))}")


def _zone_hint(zone_id: str) -> str:
    by_lower = {known.lower(): known for known in _by_id()}
    close = difflib.get_close_matches(zone_id.lower(), list(by_lower), n=1, cutoff=0.75)
    if close:
        return f"did you mean {by_lower[close[0]]}?"
    if zone_id.lower().startswith("adiz"):
        adiz = sorted(zone.id for zone in _zones() if zone.kind == "adiz")
        return "the ADIZs are " + ", ".join(adiz)
    return "known zones look like sovereign-RU, adiz-JP"


def states() -> tuple[str, ...]:
    """The sorted codes (ISO 3166-1 alpha-2, and XK for Kosovo) of states with sovereign airspace."""
    return tuple(sorted(sovereign_geometries()))


def check_states(codes: Iterable[str]) -> tuple[str, ...]:
    """Validate user-given state codes (or one code); return them in upper case, or raise
    UnknownZoneError naming the bad code.

    >>> check_states(["ru", "CN"])
    ('RU', 'CN')
    """
    known = set(states())
    checked = []
    for code in [codes] if isinstance(codes, str) else codes:
        text = code.strip().upper() if isinstance(code, str) else None
        if text is None or len(text) != 2 or not text.isalpha():
            raise UnknownZoneError(
                f"malformed state code {code!r}; state codes are ISO 3166-1 alpha-2, like RU, CN, JP"
            )
        if text not in known:
            raise UnknownZoneError(f"unknown state code {code!r}; {_suggestion(text)}")
        checked.append(text)
    return tuple(checked)


def _suggestion(code: str) -> str:
    if code in _ALIASES:
        return f"did you mean {_ALIASES[code]}?"
    if code == "AQ":
        return "Antarctica has no sovereign airspace"
    return "known codes look like RU, CN, JP"


def sovereign_zone(state: str) -> Zone:
    """The sovereign airspace of one state, by code (any case).

    >>> sovereign_zone("jp").id
    'sovereign-JP'
    """
    (code,) = check_states([state])
    return _by_id()[f"sovereign-{code}"]


def sovereign_of(code: str) -> str | None:
    """The state whose sovereign airspace covers a country or territory code (GU -> US, HK -> CN),
    or None if the code has no sovereign airspace (AQ, an unknown code).

    >>> sovereign_of("GU"), sovereign_of("jp"), sovereign_of("AQ")
    ('US', 'JP', None)
    """
    text = code.strip().upper()
    text = _ALIASES.get(text, text)
    text = sovereign_metadata()["sovereign_of"].get(text, text)
    return text if text in sovereign_geometries() else None
