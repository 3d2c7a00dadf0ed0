"""Landings as hops: how many stretches take an aircraft from its origin to each field, and which
pairs of landings round a point add up to k."""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray

__all__ = ["MODES", "ONE_WAY", "ROUND_TRIP", "hops_from", "pairs_with"]

ROUND_TRIP, ONE_WAY = "round-trip", "one-way"
MODES = (ROUND_TRIP, ONE_WAY)


def hops_from(within: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Fewest stretches from node 0 to each node over the `within` links (-1: out of reach)."""
    count = within.shape[0]
    hops = np.full(count, -1, dtype=np.int64)
    hops[0] = 0
    frontier = np.zeros(count, dtype=bool)
    frontier[0] = True
    step = 0
    while frontier.any():
        step += 1
        reached = within[frontier].any(axis=0) & (hops < 0)
        hops[reached] = step
        frontier = reached
    return hops


def pairs_with(hops: NDArray[np.int64], landings: int, mode: str) -> list[tuple[int, int]]:
    """The (last landing before P, first after P) pairs whose landings add up to `landings`;
    one way, (A, A) for the fields A reached with exactly that many."""
    reachable = [index for index in range(hops.size) if hops[index] >= 0]
    if mode == ONE_WAY:
        return [(a, a) for a in reachable if hops[a] == landings]
    return [
        (a, b)
        for a, b in itertools.combinations_with_replacement(reachable, 2)
        if hops[a] + hops[b] == landings
    ]
