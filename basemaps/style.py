"""Colours shared by the HTML map and the static figure, so one aircraft or role looks the same in
both (and across every scenario)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "ADIZ_COLOUR",
    "PALETTE",
    "ROLE_COLOURS",
    "ROLE_NAMES",
    "aircraft_colours",
    "legend_roles",
]

#: Colours for aircraft (colour-blind safe, Okabe-Ito).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Marker colour per site role.
ROLE_COLOURS = {
    "refuel": "#E69F00",
    "field": "#A6761D",
    "launch": "#C2185B",
    "origin": "#000000",
    "base": "#000000",
    "final": "#000000",
    "target": "#CC0000",
    "waypoint": "#555555",
}
#: What each role is called in a legend.
ROLE_NAMES = {
    "refuel": "refuelling stop",
    "field": "refuelling field (may land)",
    "launch": "launch point",
    "origin": "base",
    "base": "base",
    "final": "landing field",
    "target": "target",
    "waypoint": "waypoint (overflown)",
}
ADIZ_COLOUR = "#6a3d9a"


def legend_roles(roles: Iterable[str]) -> list[str]:
    """The roles a legend lists: in the order of ROLE_NAMES, one per name (a take-off base and a
    ring's base are both "base").

    >>> legend_roles({"waypoint", "base", "origin"})
    ['origin', 'waypoint']
    """
    present = set(roles)
    named = {ROLE_NAMES[role]: role for role in reversed(ROLE_NAMES) if role in present}
    return sorted(named.values(), key=list(ROLE_NAMES).index)


def aircraft_colours(shown: Sequence[str], catalog: Sequence[str]) -> dict[str, str]:
    """A colour per aircraft id in `shown`: a catalog aircraft always gets the colour of its place
    in `catalog` (the Tu-95MS is the same blue in every map); others take, in order of appearance,
    the colours no catalog aircraft has.

    >>> aircraft_colours(["h-6k", "custom"], ["tu-95ms", "h-6k"])
    {'h-6k': '#D55E00', 'custom': '#009E73'}
    """
    reserved = [PALETTE[number % len(PALETTE)] for number in range(len(catalog))]
    colours = {plane: reserved[catalog.index(plane)] for plane in shown if plane in catalog}
    spare = [colour for colour in PALETTE if colour not in reserved] or list(PALETTE)
    others = [plane for plane in dict.fromkeys(shown) if plane not in colours]
    colours.update({plane: spare[number % len(spare)] for number, plane in enumerate(others)})
    return colours
