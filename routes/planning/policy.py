"""Refuelling policy: which sites the aircraft may land at, from tags, country codes or ids."""

from __future__ import annotations

from collections.abc import Sequence

from routes.catalog import Site, SiteCatalog
from routes.errors import RoutesError, UnknownSiteError, parameter
from routes.planning.at_scale import plan_mission_at_scale
from routes.planning.band import range_band
from routes.planning.fields import FieldSet, all_airports
from routes.planning.mission import Mission, Plan, RangeBand
from routes.planning.planner import plan_mission
from routes.planning.rules import FlightRules

__all__ = [
    "ANY_AIRPORT",
    "band_with_policy",
    "plan_with_policy",
    "refuel_field_set",
    "refuel_fields",
]

#: The policy token for every airport in airportsdata; "any:RU,KZ" keeps those countries only.
ANY_AIRPORT = "any"
#: The policy token for no refuelling field at all.
NO_FIELD = "none"
#: The pruned planner's work grows with the square of the waypoints: beyond this many it would
#: take minutes, so it refuses (the sweep over named fields takes thousands in seconds).
MAX_WAYPOINTS_OVER_AIRPORTS = 50


def refuel_fields(
    catalog: SiteCatalog, specs: Sequence[str], named_by: str = "refuel_at"
) -> list[Site]:
    """Sites allowed for refuelling (or named by the parameter `named_by`): each spec is a tag, a country code or
    a site of the catalog, comma-separated (every airport, "any", is for refuel_field_set).

    >>> from routes.bundled import bundled_sites
    >>> [site.id for site in refuel_fields(bundled_sites(), ["UHMA,UHPP"])]
    ['UHMA', 'UHPP']
    """
    chosen: dict[str, Site] = {}
    for spec in specs:
        for token in (part.strip() for part in spec.split(",")):
            if not token:
                raise UnknownSiteError(f"{parameter(named_by)} {spec!r} holds an empty name")
            if token.casefold().split(":")[0] == "any":
                raise UnknownSiteError(
                    f"{parameter(named_by)} {token!r}: every airport is for plan and need; here name catalog "
                    "tags, country codes or sites (see rangemap sites)"
                )
            for site in _matching(catalog, token):
                chosen.setdefault(site.id, site)
    return list(chosen.values())


def refuel_field_set(catalog: SiteCatalog, specs: Sequence[str]) -> FieldSet:
    """Like refuel_fields, and "any" (every airport in airportsdata) or "any:CC,DD" (those countries)."""
    countries: list[str] = []
    everywhere = False
    rest: list[str] = []
    tokens = [part.strip() for spec in specs for part in spec.split(",")]
    if any(token.casefold() == NO_FIELD for token in tokens):
        if len(tokens) > 1:
            raise UnknownSiteError(f"{parameter('refuel_at')} none allows no field: give it alone")
        return FieldSet.from_sites([])
    for spec in specs:
        for token in (part.strip() for part in spec.split(",")):
            if token.casefold() == ANY_AIRPORT:
                everywhere = True
            elif token.casefold().startswith(ANY_AIRPORT + ":"):
                countries += [code for code in token.split(":", 1)[1].split("+") if code]
                if not countries:
                    raise UnknownSiteError(
                        f"{parameter('refuel_at')} {token!r} names no country (e.g. any:US+CA)"
                    )
            else:
                rest.append(token)
    sites = refuel_fields(catalog, [",".join(rest)]) if rest else []
    if not everywhere and not countries:
        return FieldSet.from_sites(sites)
    airports = all_airports([] if everywhere else countries)
    if not len(airports):
        raise UnknownSiteError(f"no airport in airportsdata has country {', '.join(countries)}")
    merged, _ = airports.with_sites(sites)
    return merged


def plan_with_policy(rules: FlightRules, mission: Mission) -> Plan:
    """The best plan: the exact sweep over a catalog's fields, the pruned search over many
    airports; both as the airspace rule allows."""
    if rules.named_fields() is not None:
        return plan_mission(rules, mission)
    if len(mission.waypoints) > MAX_WAYPOINTS_OVER_AIRPORTS:
        raise RoutesError(
            f"planning over {len(rules.fields):,} airports takes at most "
            f"{MAX_WAYPOINTS_OVER_AIRPORTS} waypoints, not {len(mission.waypoints):,}: name "
            "the fields to land at (tags, countries or ids) instead"
        )
    return plan_mission_at_scale(rules, mission)


def _matching(catalog: SiteCatalog, token: str) -> list[Site]:
    """The sites a --refuel-at token names: a tag, a country code or a site, and only one of them
    (a user's site tagged "RU", say, would otherwise change what RU means)."""
    kinds: list[tuple[str, list[Site]]] = []
    tagged = catalog.tagged(token)
    if tagged:
        kinds.append(("a tag", tagged))
    if len(token) == 2 and token.isascii() and token.isalpha():
        in_country = [site for site in catalog.values() if site.country == token.upper()]
        if in_country:
            kinds.append(("a country code", in_country))
    try:
        kinds.append(("a site", [catalog.resolve(token)]))
    except UnknownSiteError as error:
        if not kinds:
            tags = sorted({tag for site in catalog.values() for tag in site.tags})
            raise UnknownSiteError(f"{error}; tags are {', '.join(tags)}") from None
    if len(kinds) > 1:
        raise UnknownSiteError(
            f"{parameter('refuel_at')} {token!r} is ambiguous: it is {' and '.join(kind for kind, _ in kinds)}"
        )
    return kinds[0][1]


def band_with_policy(rules: FlightRules, mission: Mission) -> RangeBand | None:
    """The published ranges over which the best plan's landings hold (range_band), over a
    catalog's fields; None over every airport (that would take a search per step) or without a
    plan."""
    if rules.named_fields() is None:
        return None
    return range_band(rules, mission)
