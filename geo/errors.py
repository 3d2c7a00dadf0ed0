"""Errors raised by geo: each subclasses ValueError and names the bad value."""

from __future__ import annotations

__all__ = ["GeoError", "InvalidCoordinateError", "InvalidDistanceError"]


class GeoError(ValueError):
    """Base class of every error geo raises on bad input."""


class InvalidCoordinateError(GeoError):
    """A latitude or longitude that is not a finite number in range."""


class InvalidDistanceError(GeoError):
    """A distance, radius or segment length that is not a finite positive number."""
