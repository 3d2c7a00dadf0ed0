"""One explorer for the tests of this folder, started once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.explorer.server import Served, served


@pytest.fixture(scope="session")
def explorer() -> Iterator[Served]:
    with served("--workers", "2") as running:
        yield running
