"""Errors raised by airspace: each subclasses ValueError and names the bad value in one line."""

from __future__ import annotations

__all__ = ["AirspaceError", "InvalidTrackError", "UnknownZoneError"]


class AirspaceError(ValueError):
    """Base class of every error airspace raises on bad input."""


class UnknownZoneError(AirspaceError, LookupError):
    """A zone id or state code that names no zone, or a malformed state code."""


class InvalidTrackError(AirspaceError):
    """A track that is not a sequence of at least two valid (lat, lon) points."""
