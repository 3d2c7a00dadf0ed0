"""The rules a flight keeps: its aircraft, where it may land to refuel, its reserve, its airspace.

Every question (plan, band, need, reach, strike, a flown track) is asked under one FlightRules,
checked once when it is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from routes.airspace_rule import STRAIGHT_GEODESICS, AirspaceRule, Overfly
from routes.catalog import Aircraft, Site
from routes.errors import RoutesError, parameter
from routes.planning.fields import FieldSet
from routes.range_model import check_reserve, usable_range_km

__all__ = ["NAMED_FIELDS_AT_MOST", "FlightRules"]

#: Up to this many fields are taken as sites, by the exact sweep; more (every airport of some
#: countries) go to the pruned planner. Both are exact; the sweep explains more.
NAMED_FIELDS_AT_MOST = 300


@dataclass(frozen=True)
class FlightRules:
    """What a flight may do: `aircraft` lands to refuel only at `fields` (sites, or a FieldSet of
    many airports), keeps `reserve` (a fraction of its range) and flies as `airspace_rule` allows
    (by default straight geodesics, over any state).

    >>> from routes.bundled import bundled_sites, find_aircraft
    >>> rules = FlightRules(find_aircraft("h-6k"), reserve=0.1)
    >>> round(rules.usable_km)
    5400
    """

    aircraft: Aircraft
    fields: FieldSet | Sequence[Site] = ()
    reserve: float = 0.0
    airspace_rule: AirspaceRule = STRAIGHT_GEODESICS

    def __post_init__(self) -> None:
        if not isinstance(self.aircraft, Aircraft):
            raise RoutesError(f"aircraft {self.aircraft!r} is not an Aircraft")
        if not isinstance(self.airspace_rule, AirspaceRule):
            raise RoutesError(f"airspace_rule {self.airspace_rule!r} is not an AirspaceRule")
        object.__setattr__(self, "reserve", check_reserve(self.reserve))
        if not isinstance(self.fields, FieldSet):
            sites = tuple(self.fields)
            for site in sites:
                if not isinstance(site, Site):
                    raise RoutesError(f"{parameter('refuel_at')} holds {site!r}, not a Site")
            object.__setattr__(self, "fields", sites)

    @property
    def usable_km(self) -> float:
        """How far the aircraft flies between landings: its range less the reserve."""
        return usable_range_km(self.aircraft, self.reserve)

    @property
    def overfly(self) -> Overfly:
        """The states whose airspace the flight may enter (or any)."""
        return self.airspace_rule.overfly

    @property
    def field_set(self) -> FieldSet:
        """The refuelling fields as arrays."""
        if isinstance(self.fields, FieldSet):
            return self.fields
        return FieldSet.from_sites(self.fields)

    def named_fields(self) -> tuple[Site, ...] | None:
        """The refuelling fields as sites, or None where they are too many for that (every
        airport of some countries: the pruned planner's work)."""
        if not isinstance(self.fields, FieldSet):
            return tuple(self.fields)
        if len(self.fields) > NAMED_FIELDS_AT_MOST:
            return None
        return tuple(self.fields.site(index) for index in range(len(self.fields)))

    def field_sites(self, question: str) -> tuple[Site, ...]:
        """The refuelling fields as sites; RoutesError where `question` cannot take that many."""
        sites = self.named_fields()
        if sites is None:
            raise RoutesError(
                f"{question} lands only at named fields, not at {len(self.fields):,} airports: "
                f"give {parameter('refuel_at')} as tags, countries or sites"
            )
        return sites

    def with_fields(self, fields: FieldSet | Sequence[Site]) -> FlightRules:
        """The same rules with other refuelling fields."""
        return replace(self, fields=fields)
