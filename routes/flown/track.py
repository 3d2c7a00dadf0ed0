"""A flown track: its points in order and, where its file gives them, the time at each."""

from __future__ import annotations

from dataclasses import dataclass

from geo import FloatArray

__all__ = ["FlownTrack"]


@dataclass(frozen=True)
class FlownTrack:
    """A track as flown: its points in order (degrees) and, if the file gives them, the time at
    each point (UTC, seconds since 1970); `flight` names it where its file holds several."""

    source: str
    lat: FloatArray
    lon: FloatArray
    times: FloatArray | None
    flight: str = ""

    def __len__(self) -> int:
        return len(self.lat)
