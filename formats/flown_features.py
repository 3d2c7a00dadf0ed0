"""GeoJSON features of a flown track checked against an aircraft: the plan's features (the track
cut at its divert points, the diverts, zone crossings and sites), each leg marked `flown` (part of
the track) or not (a divert), with `departs` and `arrives` (ISO 8601, UTC) where the track has
times."""

from __future__ import annotations

from typing import Any

from formats.features import plan_features
from routes.clock import iso_utc
from routes.flown.analysis import FlownAnalysis

__all__ = ["leg_extras", "track_features"]


def leg_extras(analysis: FlownAnalysis) -> list[dict[str, Any]]:
    """For each leg of the analysis's plan: `flown`, and `departs`/`arrives` if the track has
    times (null for a divert whose speed is unknown)."""
    extras = []
    for flown, times in zip(analysis.leg_flown, analysis.leg_times, strict=True):
        extra: dict[str, Any] = {"flown": flown}
        if analysis.track.times is not None:
            extra["departs"] = None if times is None else iso_utc(times[0])
            extra["arrives"] = None if times is None else iso_utc(times[1])
        extras.append(extra)
    return extras


def track_features(analysis: FlownAnalysis) -> list[dict[str, Any]]:
    """The plan's features, legs first and in order, with leg_extras added to each leg."""
    features = plan_features(analysis.plan)
    extras = iter(leg_extras(analysis))
    for feature in features:
        if feature["properties"]["kind"] == "leg":
            feature["properties"].update(next(extras))
    return features
