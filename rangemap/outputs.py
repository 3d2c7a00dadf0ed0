"""Writing results to the files named by -o: the format follows the suffix; all files or none."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formats.files import atomic_write_all, followed
from formats.geojson import geojson_bytes
from formats.text import UnwritableTextError, check_writable
from rangemap.terminal import note_written
from routes.errors import shown_path

if TYPE_CHECKING:
    from basemaps.content import MapContent
    from basemaps.frame import Extent

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
KML_SUFFIXES = (".kml", ".kmz")
GPKG_SUFFIXES = (".gpkg",)
SUFFIXES = (*GEOJSON_SUFFIXES, *HTML_SUFFIXES, *FIGURE_SUFFIXES, *KML_SUFFIXES, *GPKG_SUFFIXES)
#: The longest file name most file systems take, in bytes.
_MAX_NAME_BYTES = 255


class UsageError(ValueError):
    """A command-line value that cannot be used (reported in one line, exit code 2)."""


@dataclass(frozen=True)
class MapOptions:
    """How maps and figures are made: the tile provider, and whether an HTML map loads Leaflet from
    its CDN (a smaller file that needs the network) instead of carrying it; what they frame ("story" or "rings", or a lat/lon extent); the resolution of PNG figures."""

    tiles: str = "light"
    cdn: bool = False
    frame: str = "story"
    extent: Extent | None = None
    dpi: float | None = None  # the figure's own default


DEFAULT_MAP_OPTIONS = MapOptions()


def check_outputs(paths: Sequence[Path], *, inputs: Sequence[Path] = ()) -> None:
    """Refuse, before any work is done: an unknown format, a name with control characters or too
    long for the file system, a folder (or a name ending in one), a missing or read-only folder, a
    device or a read-only file to replace, a file named twice, and an input file (`inputs`)."""
    seen: set[str] = set()
    read = {os.path.realpath(path) for path in inputs}
    for path in paths:
        name = shown_path(path)
        text = os.fspath(path)
        if not text or text.endswith(("/", os.sep)) or _CONTROL.search(text):
            raise UsageError(f"cannot write {name}: not a file name")
        if path.suffix.lower() not in SUFFIXES:
            raise UsageError(
                f"cannot write {name}: the format follows the suffix, one of {', '.join(SUFFIXES)}"
            )
        if len(os.fsencode(path.name)) > _MAX_NAME_BYTES:
            raise UsageError(f"cannot write {name}: the file name is over {_MAX_NAME_BYTES} bytes")
        try:
            _check_place(path)
            key = _real(path)
        except (OSError, RuntimeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise UsageError(f"cannot write {name}: {reason}") from None
        if key in read:
            raise UsageError(f"cannot write {name}: it is an input of this run")
        if key in seen:
            raise UsageError(f"{name} is named twice with -o")
        seen.add(key)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _real(path: Path) -> str:
    """The file `path` names, its links followed (where formats.files.followed allows)."""
    return os.fspath(followed(path))


def _check_place(path: Path) -> None:
    """Raise UsageError (or OSError) unless `path` names a file that can be written or made."""
    name = shown_path(path)
    if path.is_dir():
        raise UsageError(f"cannot write {name}: it is a folder")
    target = Path(_real(path))
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {name}: folder {shown_path(path.parent)} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {name}: folder {shown_path(path.parent)} is read-only")
    if target.exists():
        mode = target.stat().st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(f"cannot write {name}: it is a device, FIFO or socket, not a file")
        if not mode & stat.S_IWUSR:
            raise UsageError(f"cannot write {name}: the file is read-only")


def render_outputs(
    paths: Sequence[Path],
    features: list[dict[str, Any]],
    content: MapContent,
    options: MapOptions = DEFAULT_MAP_OPTIONS,
) -> dict[Path, bytes]:
    """Every requested file's bytes, rendered in memory (nothing is written yet). Text that an
    output format cannot hold is refused first, for every format alike (formats.text)."""
    if paths:
        try:
            check_writable(([feature.get("properties") for feature in features], content))
        except UnwritableTextError as error:
            raise UsageError(f"cannot write {shown_path(paths[0])}: {error}") from None
    rendered: dict[Path, bytes] = {}
    document: bytes | None = None  # the KML, made once for .kml and .kmz
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in GEOJSON_SUFFIXES:
            rendered[path] = geojson_bytes(features)
        elif suffix in HTML_SUFFIXES:
            from basemaps.web.interactive import interactive_map, map_html

            fmap = interactive_map(
                content,
                tiles=options.tiles,
                cdn=options.cdn,
                frame=options.frame,
                extent=options.extent,
            )
            rendered[path] = map_html(fmap).encode("utf-8")
        elif suffix in KML_SUFFIXES:
            from basemaps.kml import kml_bytes, kmz_bytes

            if document is None:  # its text was checked above: KML's own refusal cannot come
                document = kml_bytes(features, content)
            rendered[path] = document if suffix == ".kml" else kmz_bytes(document)
        elif suffix in GPKG_SUFFIXES:
            from formats.gpkg import gpkg_bytes

            rendered[path] = gpkg_bytes(features)
        else:
            from basemaps.figure.static import figure_bytes, static_figure

            resolution = {} if options.dpi is None else {"dpi": options.dpi}
            figure = static_figure(
                content, frame=options.frame, extent=options.extent, **resolution
            )
            rendered[path] = figure_bytes(figure, suffix)
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
    """Write rendered files all or none, a failure reported in one line; once they are written,
    a signal that stops the run says so (see rangemap.main)."""
    names = [shown_path(path) for path in files]
    try:
        atomic_write_all(files, on_written=lambda written: note_written(names))
    except OSError as error:
        where = shown_path(error.filename) if error.filename else "the output"
        raise UsageError(f"cannot write {where}: {error.strerror or 'failed'}") from None
