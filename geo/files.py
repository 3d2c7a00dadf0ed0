"""Atomic file writes: each file whole or not there at all, several files all or none."""

from __future__ import annotations

import os
import secrets
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

__all__ = ["atomic_write_all", "atomic_write_bytes", "atomic_write_text", "write_target"]

PathLike = str | os.PathLike[str]
P = TypeVar("P", bound=PathLike)


def atomic_write_text(path: PathLike, text: str) -> Path:
    """Write `text` (UTF-8) to `path` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: PathLike, data: bytes) -> Path:
    """Write `data` to `path` atomically: a failed write leaves the previous file, or none."""
    (written,) = atomic_write_all({path: data})
    return written


def write_target(path: PathLike) -> Path:
    """The file a write to `path` replaces: a symbolic link's target (the link stays a link).

    Raises OSError if that exists and is not a regular file (a device, a FIFO, a folder): a write
    would replace the node itself.
    """
    target = Path(os.path.realpath(os.fspath(path)))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        raise OSError(0, "not a regular file", os.fspath(path))
    return target


def atomic_write_all(files: Mapping[P, bytes]) -> list[Path]:
    """Write every file to a temporary file beside its target, then put them all in place.

    Nothing changes unless every file was written in full, and if putting one in place fails (or
    an interrupt comes), those already put in place get their previous contents back. A replaced
    file keeps its permission bits (not setuid, setgid or sticky), and a symbolic link stays a
    link: the file it points to is replaced. Errors name the file asked for, not a temporary one.
    """
    staged: list[tuple[Path, Path, PathLike]] = []
    placed: list[tuple[Path, Path | None]] = []
    try:
        for path, data in files.items():
            target = write_target(path)
            # A short name of its own, so a target name near the system's limit still has a twin.
            temporary = target.with_name(f".rangemap-{secrets.token_hex(6)}.tmp")
            staged.append((temporary, target, path))
            _write(temporary, data, target, path)
        for temporary, target, asked in staged:
            backup = _backup(target, asked)
            placed.append((target, backup))
            _renamed(temporary, target, asked)
    except BaseException:
        for target, backup in reversed(placed):
            if backup is None:
                target.unlink(missing_ok=True)
                continue
            # A rename between two links of one file does nothing: then the link goes instead.
            backup.replace(target)
            backup.unlink(missing_ok=True)
        for temporary, _, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for _, backup in placed:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return [target for _, target, _ in staged]


def _write(temporary: Path, data: bytes, target: Path, asked: PathLike) -> None:
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            mode = stat.S_IMODE(target.stat().st_mode) & 0o777
        except FileNotFoundError:
            return
        temporary.chmod(mode)
    except OSError as error:
        raise OSError(error.errno, error.strerror, os.fspath(asked)) from None


def _backup(target: Path, asked: PathLike) -> Path | None:
    """A second name for the file about to be replaced (a hard link, or else a copy)."""
    if not target.exists():
        return None
    backup = target.with_name(f".rangemap-{secrets.token_hex(6)}.old")
    try:
        try:
            os.link(target, backup)
        except OSError:
            shutil.copy2(target, backup)
    except OSError as error:
        raise OSError(error.errno, error.strerror, os.fspath(asked)) from None
    return backup


def _renamed(temporary: Path, target: Path, asked: PathLike) -> None:
    try:
        temporary.replace(target)
    except OSError as error:
        raise OSError(error.errno, error.strerror, os.fspath(asked)) from None
