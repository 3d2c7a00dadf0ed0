"""Atomic writes: several files all or none, whatever fails and wherever it fails."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formats.files import atomic_write_all, signals_held

contents = st.binary(max_size=2000)


@given(
    old=st.lists(st.one_of(st.none(), contents), min_size=1, max_size=4),
    new=st.lists(contents, min_size=4, max_size=4),
    failing=st.integers(0, 3),
    modes=st.lists(st.sampled_from([0o600, 0o640, 0o644, 0o755]), min_size=4, max_size=4),
)
def test_a_failing_file_leaves_every_file_as_it_was(
    old: list[bytes | None], new: list[bytes], failing: int, modes: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "missing").mkdir()
        paths = [folder / f"out{k}.dat" for k in range(4)]
        for path, data, mode in zip(paths, old, modes, strict=False):
            if data is not None:
                path.write_bytes(data)
                path.chmod(mode)
        before = {path.name: path.read_bytes() for path in paths if path.exists()}
        # One target lies in a folder that does not exist: its temporary file cannot be made.
        targets = list(paths)
        targets[failing] = folder / "missing" / "nowhere" / "out.dat"
        with pytest.raises(FileNotFoundError):
            atomic_write_all(dict(zip(targets, new, strict=True)))
        after = {path.name: path.read_bytes() for path in paths if path.exists()}
        assert after == before
        assert not list(folder.rglob(".rangemap-*"))


@given(
    old=st.lists(st.one_of(st.none(), contents), min_size=3, max_size=3),
    new=st.lists(contents, min_size=3, max_size=3),
)
def test_a_successful_write_replaces_every_file_and_keeps_modes(
    old: list[bytes | None], new: list[bytes]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = [folder / f"out{k}.dat" for k in range(3)]
        for path, data in zip(paths, old, strict=True):
            if data is not None:
                path.write_bytes(data)
                path.chmod(0o600)
        written = atomic_write_all(dict(zip(paths, new, strict=True)))
        assert written == [path.resolve() for path in paths]
        for path, data, previous in zip(paths, new, old, strict=True):
            assert path.read_bytes() == data
            if previous is not None:
                assert path.stat().st_mode & 0o777 == 0o600
        assert not list(folder.glob(".rangemap-*"))


def test_an_interrupt_while_writing_removes_the_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C or SIGTERM (raised as a BaseException) while the second file is being written."""

    class Stop(BaseException):
        pass

    calls = []

    def interrupted_fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise Stop

    (tmp_path / "b.dat").write_bytes(b"before")
    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    with pytest.raises(Stop):
        atomic_write_all({tmp_path / "a.dat": b"a", tmp_path / "b.dat": b"b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.dat"]
    assert (tmp_path / "b.dat").read_bytes() == b"before"


@given(
    old=st.lists(st.one_of(st.none(), contents), min_size=3, max_size=3),
    new=st.lists(contents, min_size=3, max_size=3),
    failing=st.integers(0, 2),
)
def test_a_failing_rename_puts_back_the_files_already_replaced(
    old: list[bytes | None], new: list[bytes], failing: int
) -> None:
    """Regression: when putting the second file in place failed (a sticky folder, a folder made
    meanwhile), the first had already been replaced."""
    with tempfile.TemporaryDirectory() as name, pytest.MonkeyPatch.context() as patch:
        folder = Path(name)
        paths = [folder / f"out{k}.dat" for k in range(3)]
        for path, data in zip(paths, old, strict=True):
            if data is not None:
                path.write_bytes(data)
        renames = []
        real_replace = Path.replace

        def replace(self: Path, target: Path) -> Path:
            if self.suffix == ".tmp":
                renames.append(self)
                if len(renames) == failing + 1:
                    raise PermissionError(1, "Operation not permitted")
            return real_replace(self, target)

        patch.setattr(Path, "replace", replace)
        with pytest.raises(PermissionError) as caught:
            atomic_write_all(dict(zip(paths, new, strict=True)))
        assert caught.value.filename == str(paths[failing])  # the file asked for, not a temporary
        for path, data in zip(paths, old, strict=True):
            assert (path.read_bytes() if path.exists() else None) == data
        assert not list(folder.glob(".rangemap-*"))


def _signal_on_second_rename(patch: pytest.MonkeyPatch, signum: int) -> None:
    """Send `signum` to this process as the second temporary file is put in place."""
    renames = []
    real_replace = Path.replace

    def replace(self: Path, target: Path) -> Path:
        if self.suffix == ".tmp":
            renames.append(self)
            if len(renames) == 2:
                signal.raise_signal(signum)
        return real_replace(self, target)

    patch.setattr(Path, "replace", replace)


def test_a_signal_while_files_are_put_in_place_waits_until_all_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression (issue 25): Ctrl-C in the last step left hidden backups (.rangemap-*.old) and
    said nothing of the files already replaced. Now it comes once every file is in place, after
    the caller has heard which."""
    paths = [tmp_path / f"out{k}.dat" for k in range(3)]
    for path in paths:
        path.write_bytes(b"old")
    heard: list[list[Path]] = []
    _signal_on_second_rename(monkeypatch, signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_all(dict.fromkeys(paths, b"new"), on_written=heard.append)
    assert heard == [[path.resolve() for path in paths]]
    assert [path.read_bytes() for path in paths] == [b"new"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out0.dat", "out1.dat", "out2.dat"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ignored_signal_stays_ignored_while_files_are_put_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        _signal_on_second_rename(monkeypatch, signal.SIGHUP)
        atomic_write_all({tmp_path / "a.dat": b"a", tmp_path / "b.dat": b"b"})
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.dat", "b.dat"]


def test_signals_held_lets_the_first_signal_through_at_the_end() -> None:
    caught: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: caught.append(signum))
    try:
        with signals_held():
            signal.raise_signal(signal.SIGTERM)
            signal.raise_signal(signal.SIGTERM)
            assert caught == []
        assert caught == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)


NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another user needs root")


def shared_folder(tmp_path: Path) -> Path:
    """A folder like /tmp: world-writable and sticky."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    return folder


@as_root
def test_another_users_link_in_a_sticky_folder_is_not_followed(tmp_path: Path) -> None:
    """Regression (issue 25): a symbolic link planted in /tmp by another user made -o replace
    the file it points to (the link was resolved in user space, where the kernel's
    protected_symlinks rule does not apply)."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = shared_folder(tmp_path) / "out.dat"
    link.symlink_to(victim)
    os.lchown(link, NOBODY, NOBODY)
    with pytest.raises(PermissionError, match="another user's symbolic link in a sticky") as caught:
        atomic_write_all({link: b"new"})
    assert caught.value.filename == str(link)
    assert victim.read_bytes() == b"precious"
    # A link to a folder, on the way to the file, is not followed either.
    (link.parent / "folder").symlink_to(tmp_path)
    os.lchown(link.parent / "folder", NOBODY, NOBODY)
    with pytest.raises(PermissionError, match="another user's symbolic link in a sticky"):
        atomic_write_all({link.parent / "folder" / "victim.txt": b"new"})
    assert victim.read_bytes() == b"precious"
    assert sorted(p.name for p in link.parent.iterdir()) == ["folder", "out.dat"]


@as_root
def test_links_of_the_folders_owner_or_outside_sticky_folders_are_followed(tmp_path: Path) -> None:
    shared = shared_folder(tmp_path)
    os.chown(shared, NOBODY, NOBODY)
    plain = tmp_path / "plain"
    plain.mkdir(mode=0o777)
    for folder in (shared, plain):
        target = tmp_path / f"{folder.name}.txt"
        target.write_bytes(b"old")
        link = folder / "out.dat"
        link.symlink_to(target)
        os.lchown(link, NOBODY, NOBODY)
        atomic_write_all({link: b"new"})
        assert link.is_symlink() and target.read_bytes() == b"new"


def test_own_links_are_followed_and_link_loops_refused(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    link = shared_folder(tmp_path) / "out.dat"
    link.symlink_to(target)
    atomic_write_all({link: b"new"})
    assert link.is_symlink() and target.read_bytes() == b"new"
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        atomic_write_all({tmp_path / "a": b"loop"})


@as_root
def test_replacing_another_users_file_keeps_its_owner_group_and_mode(tmp_path: Path) -> None:
    """Regression (issue 25): root replacing another user's file made it root's."""
    path = tmp_path / "theirs.dat"
    path.write_bytes(b"old")
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o640)
    atomic_write_all({path: b"new"})
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (NOBODY, NOBODY, 0o640)
    assert path.read_bytes() == b"new"
