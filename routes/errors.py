"""Errors raised by routes: each names the bad value and where it came from."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

__all__ = [
    "CONTROL_CHARACTERS",
    "CatalogError",
    "NoPlanError",
    "RoutesError",
    "UnknownSiteError",
    "parameter",
    "shown",
    "shown_path",
]


#: Marks a parameter's name in a message (a control character: no quoted value can hold one).
_MARK = "\x1f"
_MARKED = re.compile(f"{_MARK}([a-z_]+){_MARK}")


def parameter(name: str) -> str:
    """A parameter's name (`refuel_at`) as a message names it: as it is for Python and scenario
    files, and as each interface calls it where it shows the message (`--refuel-at`)."""
    return f"{_MARK}{name}{_MARK}"


class RoutesError(ValueError):
    """Base class of every error routes raises on bad input. Its message names parameters as
    Python and scenario files do (`refuel_at`); `worded` names them another interface's way."""

    def __str__(self) -> str:
        return self.worded(lambda name: name)

    def worded(self, name: Callable[[str], str]) -> str:
        """The message with each parameter named by `name` (e.g. as a command-line option)."""
        return _MARKED.sub(lambda found: name(found[1]), super().__str__())


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


_SHOWN_CHARACTERS = 60
#: Characters no message or file shows as they are: controls, bidirectional overrides, lone surrogates.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(text: object, limit: int = _SHOWN_CHARACTERS) -> str:
    """`text` quoted for a message, cut to `limit` characters so a huge value is not echoed whole."""
    value = str(text)
    if len(value) > limit:
        value = f"{value[:limit]}... ({len(value):,} characters)"
    return repr(value)


def shown_path(path: str | os.PathLike[str], limit: int = 2 * _SHOWN_CHARACTERS) -> str:
    """A path for a message: its end (the file's own name) kept when it is cut."""
    value = os.fspath(path)
    if len(value) > limit:
        value = "..." + value[-limit:]
    return repr(value)
