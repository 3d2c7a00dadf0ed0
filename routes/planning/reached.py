"""How far a flight with no plan gets: the furthest waypoint it reaches within its range, landing
at the allowed field that comes nearest the next place it must reach."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np

from routes.errors import NoPlanError
from routes.planning.mission import Mission, Plan, plan_of_chain
from routes.planning.network import Network, State
from routes.planning.rules import FlightRules
from routes.planning.sweep import Sweep, sweep

__all__ = ["FallsShortError", "as_far_as_it_gets"]

#: Rounds of making the partial plan's distances exact before giving it up.
_ROUNDS = 8


class FallsShortError(NoPlanError):
    """No plan flies the mission; `reached` is the plan as far as it gets (None: not even a first
    stretch flies), found when first asked for: it takes track searches within the range, which
    a caller that only reports the failure need not wait for."""

    def __init__(
        self, message: str, *, short_km: float | None, reach: Callable[[], Plan | None]
    ) -> None:
        super().__init__(message, short_km=short_km)
        self._reach = reach

    @cached_property
    def reached(self) -> Plan | None:
        return self._reach()


def as_far_as_it_gets(rules: FlightRules, mission: Mission, network: Network) -> Plan | None:
    """The best plan (fewest landings, then km) to the furthest state the flight reaches within
    its usable range: past the most waypoints, at the allowed field nearest the next one (or the
    final site), on exact distances. None where it cannot leave its origin."""
    usable = rules.usable_km
    for _ in range(_ROUNDS):
        swept = sweep(network, usable)
        state = _furthest(network, swept)
        if state is None:
            return None
        chain = swept.chain_to(state)
        if not network.make_exact(chain, within_km=usable):
            field, index = state
            partial = Mission(
                mission.origin,
                tuple(network.waypoints[:index]),
                network.fields[field],
                takeoff=mission.takeoff,
                turnaround_h=mission.turnaround_h,
            )
            return plan_of_chain(rules, partial, network, chain)
    return None


def _furthest(network: Network, swept: Sweep) -> State | None:
    """The reached landing past the most waypoints, nearest what comes next (None: only the
    origin is reached)."""
    landed = (swept.landings >= 0) & network.landable[:, None]
    landed[network.origin, 0] = False
    columns = np.flatnonzero(landed.any(axis=0))
    if not columns.size:
        return None
    index = int(columns[-1])
    fields = np.flatnonzero(landed[:, index])
    beyond = network.out[:, index] if index < network.n else network.hop[:, network.final]
    away = beyond[fields]
    return int(fields[int(np.argmin(away))]), index
