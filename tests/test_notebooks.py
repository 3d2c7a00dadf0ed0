"""The notebooks in notebooks/ and the README's Python examples: stored without outputs, using only
the packages' faces, and every cell runs."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PACKAGES = {"geo", "airspace", "routes", "formats", "basemaps", "rangemap"}


def readme_examples() -> list[str]:
    """The README's Python code blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def module_paths(source: str) -> list[str]:
    """The imports in `source` that name a module inside one of the packages, not its face."""
    paths = []
    for node in ast.walk(ast.parse(source)):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        paths += [name for name in names if name.split(".")[0] in PACKAGES and "." in name]
    return paths


def test_there_are_notebooks() -> None:
    assert [path.stem[:2] for path in NOTEBOOKS] == ["01", "02", "03"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_stored_without_outputs(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_runs_without_errors(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    NotebookClient(
        book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    outputs = [output for cell in book.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    html = [output for output in outputs if "text/html" in output.get("data", {})]
    assert html, "the notebook shows tables and a map"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_uses_only_the_faces(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    code = [cell.source for cell in book.cells if cell.cell_type == "code"]
    assert [name for source in code for name in module_paths(source)] == []


def test_the_readme_examples_use_only_the_faces() -> None:
    examples = readme_examples()
    assert len(examples) == 2
    assert [name for source in examples for name in module_paths(source)] == []


@pytest.mark.slow
def test_the_readme_examples_run_and_say_what_they_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    for source in readme_examples():
        exec(compile(source, "README.md", "exec"), namespace)
    plan, best = namespace["plan"], namespace["best"]
    assert [site.id for site in plan.refuel_stops] == ["UHMM", "UHMA"]
    assert round(best.total_km) == 8507
    assert best.band.describe() == "1 landing for a range of 4,737 to 8,328 km"
    assert {path.name for path in tmp_path.iterdir()} == {"out.geojson", "paed.geojson", "paed.png"}
