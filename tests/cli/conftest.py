"""Running the real `rangemap` entry points in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("rangemap")

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def rangemap(tmp_path: Path) -> Run:
    """Run the console script in `tmp_path`; returns the finished process."""

    def run(*args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "rangemap"] if module else [str(SCRIPT)]
        return subprocess.run(
            [*command, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run
