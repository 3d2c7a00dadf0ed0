"""Atomic file writes: each file whole or not there at all, several files all or none."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

__all__ = ["atomic_write_all", "atomic_write_bytes", "atomic_write_text"]

PathLike = str | os.PathLike[str]
P = TypeVar("P", bound=PathLike)


def atomic_write_text(path: PathLike, text: str) -> Path:
    """Write `text` (UTF-8) to `path` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: PathLike, data: bytes) -> Path:
    """Write `data` to `path` atomically: a failed write leaves the previous file, or none."""
    (written,) = atomic_write_all({path: data})
    return written


def atomic_write_all(files: Mapping[P, bytes]) -> list[Path]:
    """Write every file to a temporary file beside its target, then rename them all into place.

    Nothing is replaced unless every temporary file was written in full; on any failure (or an
    interrupt) the temporary files are removed. A replaced file keeps its permission bits, and a
    symbolic link stays a link: the file it points to is replaced.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            target = Path(path).resolve()
            # A short name of its own, so a target name near the system's limit still has a twin.
            temporary = target.with_name(f".rangemap-{secrets.token_hex(6)}.tmp")
            staged.append((temporary, target))
            with temporary.open("xb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            _keep_permissions(target, temporary)
        for temporary, target in staged:
            temporary.replace(target)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    return [target for _, target in staged]


def _keep_permissions(target: Path, temporary: Path) -> None:
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return
    temporary.chmod(mode)
