"""Atomic file writes: each file whole or not there at all, several files all or none.

The step that puts files in place holds back Ctrl-C, SIGTERM and SIGHUP until it is over, so a
signal never leaves a backup behind or half the files replaced: it is let through once every
file is in place (or none is).
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import signal
import stat
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

__all__ = [
    "atomic_write_all",
    "atomic_write_bytes",
    "atomic_write_text",
    "followed",
    "signals_held",
    "write_target",
]

PathLike = str | os.PathLike[str]
P = TypeVar("P", bound=PathLike)
#: The signals held back while files are put in place.
HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: As many symbolic links as Linux follows in one path before it gives up (ELOOP).
_MAX_LINKS = 40


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
    would replace the node itself; and if the way there follows a link that `followed` refuses.
    """
    target = followed(path)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        raise OSError(0, "not a regular file", os.fspath(path))
    return target


def followed(path: PathLike) -> Path:
    """`path` made absolute with every symbolic link on the way resolved, as the kernel would.

    A link in a sticky world-writable folder (``/tmp``) is followed only if it belongs to this
    user or to the folder's owner, the rule of Linux's ``fs.protected_symlinks``: another user's
    link there could point anywhere. Raises PermissionError for such a link, and OSError (ELOOP)
    for a path of more than 40 links.
    """
    parts = deque(Path(path).parts)
    current = Path.cwd()
    links = 0
    while parts:
        part = parts.popleft()
        if part == "..":
            current = current.parent
            continue
        candidate = current / part  # an absolute part ("/") starts again from the root
        try:
            info = candidate.lstat()
        except OSError:  # missing (or not a folder): the write itself says what is wrong
            return candidate.joinpath(*parts)
        if not stat.S_ISLNK(info.st_mode):
            current = candidate
            continue
        links += 1
        if links > _MAX_LINKS:
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), os.fspath(path))
        _check_link(candidate, info, os.fspath(path))
        parts.extendleft(reversed(candidate.readlink().parts))
    return current


def _check_link(link: Path, info: os.stat_result, asked: str) -> None:
    """Refuse to follow `link` where the kernel's protected_symlinks rule would not."""
    folder = link.parent.stat()
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and info.st_uid not in (os.geteuid(), folder.st_uid):
        raise PermissionError(
            errno.EACCES,
            f"{link} is another user's symbolic link in a sticky world-writable folder (not"
            " followed)",
            asked,
        )


def atomic_write_all(
    files: Mapping[P, bytes], *, on_written: Callable[[list[Path]], None] | None = None
) -> list[Path]:
    """Write every file to a temporary file beside its target, then put them all in place.

    Nothing changes unless every file was written in full, and if putting one in place fails,
    those already put in place get their previous contents back. A replaced file keeps its
    permission bits (not setuid, setgid or sticky) and, where this user may give them, its owner
    and group; a symbolic link stays a link: the file it points to is replaced (see `followed`
    for the links that are not followed). Errors name the file asked for, not a temporary one.

    Signals are held back while the files are put in place and the temporary files removed:
    `on_written`, if given, is called with the files written before a signal that came meanwhile
    is let through, so a caller can say what was written.
    """
    staged: list[tuple[Path, Path, PathLike]] = []
    try:
        for path, data in files.items():
            target = write_target(path)
            # A short name of its own, so a target name near the system's limit still has a twin.
            temporary = target.with_name(f".rangemap-{secrets.token_hex(6)}.tmp")
            staged.append((temporary, target, path))
            _write(temporary, data, target, path)
        with signals_held():
            _put_in_place(staged)
            written = [target for _, target, _ in staged]
            if on_written is not None:
                on_written(written)
    except BaseException:
        # Also reached by a signal let through once all is in place: then nothing is left.
        with signals_held():
            for temporary, _, _ in staged:
                temporary.unlink(missing_ok=True)
        raise
    return written


def _put_in_place(staged: Sequence[tuple[Path, Path, PathLike]]) -> None:
    """Rename every temporary file over its target, or else put every target back as it was."""
    placed: list[tuple[Path, Path | None]] = []
    try:
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
        raise
    for _, backup in placed:
        if backup is not None:
            backup.unlink(missing_ok=True)


def _write(temporary: Path, data: bytes, target: Path, asked: PathLike) -> None:
    """Write `data` to the new file `temporary`, with the mode, owner and group of `target`."""
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            info = target.stat()
        except FileNotFoundError:
            return
        _keep_owner(temporary, info)
        temporary.chmod(stat.S_IMODE(info.st_mode) & 0o777)
    except OSError as error:
        raise OSError(error.errno, error.strerror, os.fspath(asked)) from None


def _keep_owner(temporary: Path, info: os.stat_result) -> None:
    """Give `temporary` the owner and group in `info` where this user may (root may give any
    owner; anyone may give a group they belong to), or else as much of them as it may."""
    for uid, gid in ((info.st_uid, info.st_gid), (-1, info.st_gid)):
        try:
            os.chown(temporary, uid, gid)
        except OSError:  # not permitted, or a file system without owners
            continue
        return


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


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP until the block ends, then let the first through.

    Only the main thread runs signal handlers, so elsewhere this does nothing. An ignored signal
    stays ignored; one caught meanwhile reaches the handler that was in place (or its default
    action) as the block ends, even if the block raised.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = _Held()
    try:
        held.install()
        yield
    finally:
        held.release()


class _Held:
    """The handlers put aside while signals are held, and the signals caught meanwhile."""

    def __init__(self) -> None:
        self.previous: dict[int, Any] = {}
        self.caught: list[int] = []
        self.holding = True

    def install(self) -> None:
        """Put `receive` in place of each signal's handler, unless the signal is ignored."""
        for signum in HELD_SIGNALS:
            handler = signal.getsignal(signum)
            if handler is None or handler == signal.SIG_IGN:  # None: a handler set outside Python
                continue
            self.previous[signum] = handler
            signal.signal(signum, self.receive)

    def receive(self, signum: int, frame: FrameType | None) -> None:
        """Keep a signal while holding; once released, pass it on (a race with `release`)."""
        if self.holding:
            self.caught.append(signum)
        else:
            self.pass_on(signum)

    def pass_on(self, signum: int) -> None:
        """Put the signal's own handler back and send the signal again, to reach it."""
        signal.signal(signum, self.previous[signum])
        signal.raise_signal(signum)

    def release(self) -> None:
        """Put every handler back, then send the first signal caught, if any."""
        self.holding = False
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
        if self.caught:
            signal.raise_signal(self.caught[0])
