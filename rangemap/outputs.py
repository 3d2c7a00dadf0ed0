"""Writing results to the files named by -o: the format follows the suffix."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geo

__all__ = ["SUFFIXES", "UsageError", "check_outputs", "write_outputs"]

SUFFIXES = (".geojson",)


class UsageError(ValueError):
    """A command-line value that cannot be used (reported in one line, exit code 2)."""


def check_outputs(paths: Sequence[Path]) -> None:
    """Refuse unknown formats and missing folders before any work is done."""
    for path in paths:
        if path.suffix.lower() not in SUFFIXES:
            raise UsageError(
                f"cannot write {str(path)!r}: the format follows the suffix, "
                f"one of {', '.join(SUFFIXES)}"
            )
        if not path.parent.is_dir():
            raise UsageError(
                f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist"
            )


def write_outputs(paths: Sequence[Path], features: list[dict[str, Any]]) -> None:
    """Write the result to every path (each file atomically)."""
    for path in paths:
        geo.write_geojson(path, features)
