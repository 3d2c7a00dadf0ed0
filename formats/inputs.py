"""Reading a user's file safely: a regular file only, up to a stated size, as a stream.

Devices (/dev/zero), FIFOs and folders are refused before a byte is read, so a careless or hostile
path can neither hang the program nor fill its memory.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from routes.errors import shown_path

__all__ = ["MAX_INPUT_BYTES", "open_binary", "open_text", "read_bytes", "shown_path"]

#: The largest input file read (512 MiB); a site catalog of a million rows is about 60 MB.
MAX_INPUT_BYTES = 512 * 1024 * 1024

ErrorFactory = Callable[[str], Exception]


def open_binary(
    path: str | os.PathLike[str],
    what: str,
    error: ErrorFactory,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
) -> io.BufferedReader:
    """Open `path` for reading if it is a regular file of at most `max_bytes`; else raise `error`."""
    name = shown_path(path)
    try:
        # Non-blocking, so that opening a FIFO returns at once (and is then refused) instead of waiting.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as failure:
        raise error(f"cannot read {what} {name}: {failure.strerror}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{what} {name} is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{what} {name} is not a regular file (a device, FIFO or socket)")
        if info.st_size > max_bytes:
            raise error(f"{what} {name} is larger than {max_bytes:,} bytes")
        os.set_blocking(descriptor, True)
        raw = _Bounded(io.FileIO(descriptor, "rb"), max_bytes, what, name, error)
    except BaseException:
        os.close(descriptor)
        raise
    return io.BufferedReader(raw)


def open_text(
    path: str | os.PathLike[str],
    what: str,
    error: ErrorFactory,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
) -> TextIO:
    """Like open_binary, decoded as UTF-8 (a leading byte-order mark, as spreadsheets write, is
    skipped); universal newlines are left to the csv module."""
    return io.TextIOWrapper(
        open_binary(path, what, error, max_bytes=max_bytes), encoding="utf-8-sig", newline=""
    )


def read_bytes(path: Path, what: str, error: ErrorFactory, *, max_bytes: int) -> bytes:
    """The whole of a small file, read through open_binary."""
    with open_binary(path, what, error, max_bytes=max_bytes) as stream:
        return stream.read()


class _Bounded(io.RawIOBase):
    """A raw stream that refuses to go past `limit` bytes (a file may grow while it is read, and
    some, like those under /proc, report a size of 0)."""

    def __init__(
        self, raw: io.FileIO, limit: int, what: str, name: str, error: ErrorFactory
    ) -> None:
        super().__init__()
        self._raw, self._limit, self._count = raw, limit, 0
        self._message = f"{what} {name} is larger than {limit:,} bytes"
        self._error = error

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._raw.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move as the file does; the bytes counted are those before the new position."""
        self._count = self._raw.seek(offset, whence)
        return self._count

    def tell(self) -> int:
        return self._raw.tell()

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._raw.readinto(buffer) or 0
        self._count += count
        if self._count > self._limit:
            raise self._error(self._message)
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()
