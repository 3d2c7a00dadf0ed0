"""What a fresh interpreter has loaded after running some code: the top-level module names."""

from __future__ import annotations

import subprocess
import sys


def modules_after(code: str) -> set[str]:
    """The top-level names in sys.modules after `code` runs in a new Python process."""
    script = (
        f"import sys; {code}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())
