"""What a fresh interpreter has imported after running some code: the import tests' one helper."""

from __future__ import annotations

import subprocess
import sys

#: Libraries that draw: none of them may load before a map or a figure is made.
RENDERING = frozenset({"folium", "matplotlib", "branca"})
#: Libraries no package may load up front: rendering, dataframes, scipy and the browser driver.
HEAVY = RENDERING | {"geopandas", "pandas", "scipy", "playwright"}


def modules_after(code: str) -> set[str]:
    """The top-level names of every module loaded once `code` has run in a new interpreter."""
    script = (
        f"import sys\n{code}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())
