"""Pockets: waters enclosed by forbidden airspace are told apart from open sea without a search."""

from __future__ import annotations

import pytest

import airspace
from airspace.pockets import pockets
from airspace.tracks import NoTrackError, shortest_track
from geo import Position

CASPIAN = Position(42.0, 51.0)
SEA_OF_JAPAN = Position(40.0, 135.0)
PACIFIC = Position(30.0, 150.0)


def _all_but(*allowed: str) -> frozenset[str]:
    return frozenset(airspace.states()) - set(allowed)


def test_the_caspian_is_enclosed_by_its_five_shores() -> None:
    found = pockets(_all_but("CN"))
    pocket = found.of(CASPIAN)
    assert pocket is not None
    assert found.walls(pocket) == ["AZ", "IR", "KZ", "RU", "TM"]
    # Open to a flight that may enter Russia's airspace: the pocket joins Russia's.
    assert pockets(_all_but("CN", "RU")).of(CASPIAN) is None


@pytest.mark.parametrize("point", [SEA_OF_JAPAN, PACIFIC])
def test_open_sea_is_no_pocket(point: Position) -> None:
    # The 3 NM straits keep the Sea of Japan open.
    assert pockets(_all_but("CN")).of(point) is None


def test_no_track_into_a_pocket_says_why() -> None:
    with pytest.raises(
        NoTrackError, match=r"42\.0000, 51\.0000 lies in waters enclosed by .*KZ, RU, TM"
    ):
        shortest_track(
            lat1=SEA_OF_JAPAN.lat,
            lon1=SEA_OF_JAPAN.lon,
            lat2=CASPIAN.lat,
            lon2=CASPIAN.lon,
            allowed=["CN"],
        )
    with pytest.raises(NoTrackError, match=r"42\.0000, 51\.0000 lies in waters enclosed"):
        shortest_track(
            lat1=CASPIAN.lat,
            lon1=CASPIAN.lon,
            lat2=SEA_OF_JAPAN.lat,
            lon2=SEA_OF_JAPAN.lon,
            allowed=["CN"],
        )
