"""User mistakes that ended as internal errors (exit 70): each is now one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.commands import H6K_FROM_NEIXIANG
from tests.cli.conftest import Run


def test_a_reach_wider_than_the_travel_grid_is_a_user_error(rangemap_in_process: Run) -> None:
    """Regression: a one-way Tu-95MS reach from Xisha over Petropavlovsk was exit 70 (issue 25)."""
    result = rangemap_in_process(
        "reach", "--aircraft", "tu-95ms", "--from", "XWSG", "--refuel-at", "UHPP", "--one-way"
    )
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "beyond the 13,300 km one map grid holds" in result.stderr
    assert "overfly any" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("plan", "--via", "40,135"),
        ("reach",),
        ("need", "--target", "40,150"),
    ],
)
def test_a_users_field_inside_forbidden_airspace_is_named(
    rangemap_in_process: Run, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """Regression: a --sites field given country RU but placed in Tokyo was exit 70 (issue 21)."""
    (tmp_path / "fields.csv").write_text(
        "id,name,lat,lon,country\nzz-tokyo,Not in Russia,35.68,139.77,RU\n", encoding="utf-8"
    )
    name, *rest = command
    result = rangemap_in_process(
        name, *H6K_FROM_NEIXIANG, *rest,
        "--sites", "fields.csv", "--refuel-at", "zz-tokyo", "-o", "out.geojson",
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "zz-tokyo (35.6800, 139.7700) lies in the sovereign airspace of JP" in result.stderr
    assert not (tmp_path / "out.geojson").exists()
