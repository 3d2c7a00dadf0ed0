"""Times as rangemap reads and writes them: ISO 8601, in UTC."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from routes.errors import RoutesError

__all__ = ["iso_utc", "parse_utc"]

#: Times outside these years are taken for typing errors.
_YEARS = (1900, 2200)


def parse_utc(text: str, what: str = "the take-off time") -> datetime:
    """An ISO 8601 / RFC 3339 time in any case ("2019-07-22T21:44Z", "2019-07-23t06:44+09:00",
    "2019-07-23"), as UTC; a time without an offset is UTC. A RoutesError names what is wrong."""
    try:
        # RFC 3339 allows a lower-case "t" and "z"; fromisoformat takes only capitals.
        parsed = datetime.fromisoformat(text.strip().upper() if text.isascii() else text.strip())
    except ValueError:
        raise RoutesError(
            f"{what} {text!r} is not an ISO 8601 time (write it like 2019-07-22T21:44Z)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    # The year is checked before the offset is applied too (year 1 less an hour has no datetime).
    if not _YEARS[0] <= parsed.year <= _YEARS[1] or not (
        _YEARS[0] <= (parsed := parsed.astimezone(UTC)).year <= _YEARS[1]
    ):
        raise RoutesError(f"{what} {text!r} is outside the years {_YEARS[0]} to {_YEARS[1]}")
    return parsed


def iso_utc(time: datetime | float) -> str:
    """A time (or POSIX seconds) as ISO 8601 UTC to the second, with a Z: "2019-07-22T21:44:00Z"."""
    posix = time.timestamp() if isinstance(time, datetime) else float(time)
    seconds = math.floor(posix + 0.5)
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
