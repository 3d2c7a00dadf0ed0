"""Which airspace a flight may use, and how it gets from one place to the next.

A flight may enter the sovereign airspace of a set of states: by default its operator's, and those
of the places it may land at (its origin, final site and refuelling fields); `--overfly` adds
states, and "any" lifts the rule (straight geodesics everywhere, the default for an aircraft with no
operator). Between two places it flies the shortest track that keeps out of everyone else's
sovereign airspace (airspace.shortest_track): the straight geodesic when that is clear.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import airspace
import geo
from airspace import Track
from routes.catalog import Aircraft, Site
from routes.errors import NoPlanError, RoutesError, parameter

__all__ = [
    "ANYWHERE",
    "ANY_STATE",
    "STRAIGHT_GEODESICS",
    "AirspaceRule",
    "ForbiddenSiteError",
    "Overfly",
    "overfly_for",
]

#: The --overfly value that lets a flight go anywhere.
ANY_STATE = "any"


class ForbiddenSiteError(RoutesError):
    """A place the flight must reach lies in sovereign airspace it may not enter."""


@dataclass(frozen=True)
class Overfly:
    """The states whose sovereign airspace a flight may enter, or None: any state's."""

    states: frozenset[str] | None

    @property
    def anywhere(self) -> bool:
        return self.states is None

    def record(self) -> list[str] | str:
        """For JSON: the sorted state codes, or "any"."""
        return ANY_STATE if self.states is None else sorted(self.states)

    def describe(self) -> str:
        return "any state's airspace" if self.states is None else ", ".join(sorted(self.states))


#: No airspace rule: straight geodesics everywhere.
ANYWHERE = Overfly(None)


def overfly_for(
    aircraft: Aircraft,
    *,
    landing_at: Iterable[Site] = (),
    landing_countries: Iterable[str] = (),
    launch_states: Iterable[str] = (),
    extra: Sequence[str] = (),
) -> Overfly:
    """The airspace a flight may use, the one rule every command, scenario and task derives it by:
    "any" if asked, or if the aircraft has no operator and no state is given; otherwise its
    operator's, that of the places it may land at (`landing_at`: its base, final site and named
    fields; `landing_countries`: the countries of fields known only by code, such as every
    airport of some), the states it may launch a weapon over, and the `extra` states (as
    --overfly). Territories count as their state: GU is US.

    >>> from routes.bundled import find_aircraft
    >>> overfly_for(find_aircraft("h-6k"), landing_countries=["RU"]).describe()
    'CN, RU'
    """
    codes = [code.strip() for text in extra for code in text.split(",") if code.strip()]
    if any(code.casefold() == ANY_STATE for code in codes):
        if len(codes) > 1:
            raise RoutesError(f"{parameter('overfly')} any allows every state: give it alone")
        return ANYWHERE
    if not aircraft.operator and not codes:
        return ANYWHERE
    try:
        chosen = set(airspace.check_states(codes))
    except airspace.AirspaceError as error:
        raise RoutesError(f"overfly: {error}") from None
    places = [
        aircraft.operator,
        *(site.country for site in landing_at),
        *landing_countries,
        *launch_states,
    ]
    chosen |= {state for code in places if code and (state := airspace.sovereign_of(code))}
    return Overfly(frozenset(chosen))


class AirspaceRule:
    """Distances and tracks between places for a flight with a given Overfly rule."""

    def __init__(self, overfly: Overfly) -> None:
        self.overfly = overfly

    def check_sites(self, sites: Iterable[Site], role: str) -> None:
        """Refuse a place the flight must reach inside airspace it may not enter."""
        if self.overfly.anywhere:
            return
        for site in sites:
            owner = airspace.state_at(lat=site.lat, lon=site.lon)
            if owner is not None and owner not in self._allowed:
                raise ForbiddenSiteError(
                    f"{role} {site.id} ({site.lat:.4f}, {site.lon:.4f}) lies in the sovereign "
                    f"airspace of {owner}, which the flight may not enter (it may use "
                    f"{self.overfly.describe()}; {parameter('overfly')} {owner} or "
                    f"{parameter('overfly')} any would allow it)"
                )

    @cached_property
    def _allowed(self) -> frozenset[str]:
        return self.overfly.states or frozenset()

    def track(self, start: Site, end: Site, *, within_km: float | None = None) -> Track:
        """The track from `start` to `end`: its points, length and the straight distance.

        Raises NoPlanError when no track (of at most `within_km`, if given) keeps out of the
        forbidden airspace.
        """
        if self.overfly.anywhere:
            straight = self.straight_km(start, end)
            points = (geo.Position(start.lat, start.lon), geo.Position(end.lat, end.lon))
            return Track(points, straight, straight)
        try:
            return airspace.shortest_track(
                lat1=start.lat,
                lon1=start.lon,
                lat2=end.lat,
                lon2=end.lon,
                allowed=self._allowed,
                within_km=within_km,
            )
        except airspace.PointInForbiddenAirspaceError:
            # A place (a user's field, say) inside airspace the flight may not enter: name it.
            self.check_sites([start, end], "site")
            raise  # pragma: no cover - check_sites raised for one of them
        except airspace.NoTrackError as error:
            raise NoPlanError(f"from {start.id} to {end.id}: {error}") from None

    def enclosure(self, start: Site, end: Site) -> str | None:
        """Why no track at all joins two places (waters enclosed by forbidden airspace), or None;
        quick, with no track searched."""
        if self.overfly.anywhere:
            return None
        why = airspace.enclosure(
            lat1=start.lat, lon1=start.lon, lat2=end.lat, lon2=end.lon, allowed=self._allowed
        )
        return None if why is None else f"from {start.id} to {end.id}: no track: {why}"

    @staticmethod
    def straight_km(start: Site, end: Site) -> float:
        """The geodesic between two places: a lower bound of every track between them."""
        return float(geo.distance_km(lat1=start.lat, lon1=start.lon, lat2=end.lat, lon2=end.lon))

    def distance_km(self, start: Site, end: Site, *, within_km: float | None = None) -> float:
        return float(self.track(start, end, within_km=within_km).length_km)


#: No airspace rule at all: straight geodesics everywhere (the default of every question).
STRAIGHT_GEODESICS = AirspaceRule(ANYWHERE)
