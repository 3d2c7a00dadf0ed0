"""What -o does with links (issue 25): links are followed as the kernel would, never another
user's link in a sticky world-writable folder such as /tmp; a replaced file keeps its owner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.commands import RING
from tests.cli.conftest import Run

NOBODY = 65534


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a link to another user needs root")
def test_a_link_planted_in_a_sticky_folder_is_refused_in_one_line(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.geojson"
    victim.write_text("precious", encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    (shared / "out.geojson").symlink_to(victim)
    os.lchown(shared / "out.geojson", NOBODY, NOBODY)
    result = rangemap_in_process(*RING, "-o", "shared/out.geojson", "-o", "mine.geojson")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "cannot write 'shared/out.geojson'" in result.stderr
    assert "another user's symbolic link in a sticky world-writable folder" in result.stderr
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "mine.geojson").exists()


def test_a_link_loop_is_refused_in_one_line(rangemap_in_process: Run, tmp_path: Path) -> None:
    (tmp_path / "a.geojson").symlink_to("b.geojson")
    (tmp_path / "b.geojson").symlink_to("a.geojson")
    result = rangemap_in_process(*RING, "-o", "a.geojson")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "Too many levels of symbolic links" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_root_replacing_another_users_file_keeps_its_owner(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    path = tmp_path / "theirs.kml"
    path.write_text("old", encoding="utf-8")
    os.chown(path, NOBODY, NOBODY)
    assert rangemap_in_process(*RING, "-o", "theirs.kml").returncode == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (NOBODY, NOBODY)
    assert path.read_text(encoding="utf-8").startswith("<?xml")
