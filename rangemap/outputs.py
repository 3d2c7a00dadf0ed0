"""Writing results to the files named by -o: the format follows the suffix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geo

if TYPE_CHECKING:
    from basemaps.content import MapContent

__all__ = [
    "DEFAULT_MAP_OPTIONS",
    "SUFFIXES",
    "MapOptions",
    "UsageError",
    "check_outputs",
    "write_outputs",
]

GEOJSON_SUFFIXES = (".geojson", ".json")
HTML_SUFFIXES = (".html",)
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
SUFFIXES = (*GEOJSON_SUFFIXES, *HTML_SUFFIXES, *FIGURE_SUFFIXES)


class UsageError(ValueError):
    """A command-line value that cannot be used (reported in one line, exit code 2)."""


@dataclass(frozen=True)
class MapOptions:
    """How interactive maps are made: the tile provider, or a self-contained offline file."""

    tiles: str = "light"
    offline: bool = False


DEFAULT_MAP_OPTIONS = MapOptions()


def check_outputs(paths: Sequence[Path]) -> None:
    """Refuse unknown formats and missing folders before any work is done."""
    for path in paths:
        if path.suffix.lower() not in SUFFIXES:
            raise UsageError(
                f"cannot write {str(path)!r}: the format follows the suffix, one of {', '.join(SUFFIXES)}"
            )
        if not path.parent.is_dir():
            raise UsageError(
                f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist"
            )


def write_outputs(
    paths: Sequence[Path],
    features: list[dict[str, Any]],
    content: MapContent,
    options: MapOptions = DEFAULT_MAP_OPTIONS,
) -> None:
    """Write the result to every path (each file atomically): GeoJSON, an HTML map or a figure."""
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in GEOJSON_SUFFIXES:
            geo.write_geojson(path, features)
        elif suffix in HTML_SUFFIXES:
            from basemaps.interactive import interactive_map, save_html

            save_html(interactive_map(content, tiles=options.tiles, offline=options.offline), path)
        else:
            from basemaps.figure import save_figure, static_figure

            save_figure(static_figure(content), path)
