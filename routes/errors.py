"""Errors raised by routes: each names the bad value and where it came from."""

from __future__ import annotations

__all__ = ["CatalogError", "NoPlanError", "RoutesError", "UnknownSiteError"]


class RoutesError(ValueError):
    """Base class of every error routes raises on bad input."""


class CatalogError(RoutesError):
    """A catalog file (bundled or the user's) that cannot be read as it should."""


class UnknownSiteError(RoutesError, LookupError):
    """A site or aircraft name that matches nothing; the message lists the closest names."""


class NoPlanError(RoutesError):
    """No sequence of allowed landings flies the mission; the message names the failing leg, and
    `short_km`, where known, says by how much the usable range falls short of it."""

    def __init__(self, message: str, *, short_km: float | None = None) -> None:
        super().__init__(message)
        self.short_km = short_km
