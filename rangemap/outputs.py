"""Writing results to the files named by -o: the format follows the suffix; all files or none."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geo
from routes.inputs import shown_path

if TYPE_CHECKING:
    from basemaps.content import MapContent

__all__ = [
    "DEFAULT_MAP_OPTIONS",
    "SUFFIXES",
    "MapOptions",
    "UsageError",
    "check_outputs",
    "render_outputs",
    "write_files",
    "write_outputs",
]

GEOJSON_SUFFIXES = (".geojson", ".json")
HTML_SUFFIXES = (".html",)
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
SUFFIXES = (*GEOJSON_SUFFIXES, *HTML_SUFFIXES, *FIGURE_SUFFIXES)
#: The longest file name most file systems take, in bytes.
_MAX_NAME_BYTES = 255


class UsageError(ValueError):
    """A command-line value that cannot be used (reported in one line, exit code 2)."""


@dataclass(frozen=True)
class MapOptions:
    """How interactive maps are made: the tile provider, or a self-contained offline file."""

    tiles: str = "light"
    offline: bool = False


DEFAULT_MAP_OPTIONS = MapOptions()


def check_outputs(paths: Sequence[Path]) -> None:
    """Refuse unknown formats, folders, missing or read-only folders, names too long for the file
    system and a file named twice, before any work is done."""
    seen: set[str] = set()
    for path in paths:
        name = shown_path(path)
        if path.suffix.lower() not in SUFFIXES:
            raise UsageError(
                f"cannot write {name}: the format follows the suffix, one of {', '.join(SUFFIXES)}"
            )
        if path.is_dir():
            raise UsageError(f"cannot write {name}: it is a folder")
        folder = path.parent
        if not folder.is_dir():
            raise UsageError(f"cannot write {name}: folder {shown_path(folder)} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise UsageError(f"cannot write {name}: folder {shown_path(folder)} is read-only")
        if len(os.fsencode(path.name)) > _MAX_NAME_BYTES:
            raise UsageError(f"cannot write {name}: the file name is over {_MAX_NAME_BYTES} bytes")
        key = os.path.realpath(path)
        if key in seen:
            raise UsageError(f"{name} is named twice with -o")
        seen.add(key)


def render_outputs(
    paths: Sequence[Path],
    features: list[dict[str, Any]],
    content: MapContent,
    options: MapOptions = DEFAULT_MAP_OPTIONS,
) -> dict[Path, bytes]:
    """Every requested file's bytes, rendered in memory (nothing is written yet)."""
    rendered: dict[Path, bytes] = {}
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in GEOJSON_SUFFIXES:
            rendered[path] = geo.geojson_bytes(features)
        elif suffix in HTML_SUFFIXES:
            from basemaps.interactive import interactive_map, map_html

            fmap = interactive_map(content, tiles=options.tiles, offline=options.offline)
            rendered[path] = map_html(fmap).encode("utf-8")
        else:
            from basemaps.figure import figure_bytes, static_figure

            rendered[path] = figure_bytes(static_figure(content), suffix)
    return rendered


def write_outputs(
    paths: Sequence[Path],
    features: list[dict[str, Any]],
    content: MapContent,
    options: MapOptions = DEFAULT_MAP_OPTIONS,
) -> None:
    """Render every file, then write them all at once: all are written, or none changes."""
    write_files(render_outputs(paths, features, content, options))


def write_files(files: dict[Path, bytes]) -> None:
    """Write rendered files all or none, a failure reported in one line."""
    try:
        geo.atomic_write_all(files)
    except OSError as error:
        where = shown_path(error.filename) if error.filename else "the output"
        raise UsageError(f"cannot write {where}: {error.strerror}") from None
