"""The house's layers, as docs/DESIGN.md draws them: every import of every module of the six
packages (at the top, inside functions, under TYPE_CHECKING, through importlib) follows the table
of allowed imports, and importing a package pulls in no rendering or dataframes up front."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.imported import HEAVY, RENDERING, modules_after

ROOT = Path(__file__).parents[1]
DESIGN = ROOT / "docs" / "DESIGN.md"
#: The layers, left to right: a package imports only itself and the packages to its left.
LAYERS = ("geo", "airspace", "routes", "formats", "basemaps", "rangemap")
#: The one module that loads a renderer as it is imported: the page it draws is all folium.
RENDERER_MODULES = {"basemaps.web.interactive"}

_NAME = re.compile(r"`([\w.]+)`")


@dataclass(frozen=True)
class Rule:
    """What a package may import: packages of the house, and outside libraries."""

    packages: frozenset[str]
    libraries: frozenset[str]


@dataclass(frozen=True)
class Import:
    """One import in a module: its line and the module it names (None: a name computed at run
    time, which no reader can check)."""

    line: int
    name: str | None


def table_rows(text: str, header: str) -> list[list[list[str]]]:
    """The rows of the markdown table whose header row starts with `header`: each cell as the
    names written in backticks in it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([_NAME.findall(cell) for cell in line.strip().strip("|").split("|")])
    return rows


def design_rules(text: str) -> dict[str, Rule]:
    """The table of allowed imports in docs/DESIGN.md, by package."""
    rules = {}
    for package, packages, libraries in table_rows(text, "| package | may import |"):
        rules[package[0]] = Rule(frozenset(packages), frozenset(libraries))
    return rules


def design_rooms(text: str) -> dict[str, frozenset[str]]:
    """The rooms of a package that never import one another, by package."""
    rows = table_rows(text, "| package | rooms side by side")
    return {package[0]: frozenset(rooms) for package, rooms in rows}


def imports_in(source: str, module: str, *, is_package: bool = False) -> Iterator[Import]:
    """Every import in the source of `module` (dotted), wherever it stands: import statements,
    importlib.import_module, __import__ and importlib.resources.files of a package."""
    tree = ast.parse(source)
    here = module if is_package else module.rpartition(".")[0]
    files_imported = any(
        isinstance(node, ast.ImportFrom)
        and node.module == "importlib.resources"
        and any(alias.name == "files" for alias in node.names)
        for node in ast.walk(tree)
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            yield Import(node.lineno, _absolute(node, here))
        elif isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            by_name = called == "__import__" or called.endswith("import_module")
            data = called in {"resources.files", "importlib.resources.files"} or (
                called == "files" and files_imported
            )
            argument = node.args[0] if node.args else None
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                if by_name or data:
                    yield Import(node.lineno, argument.value)
            elif by_name:
                yield Import(node.lineno, None)


def _absolute(node: ast.ImportFrom, here: str) -> str:
    """The absolute name of a `from ... import` (relative ones resolved from the module's package)."""
    if not node.level:
        return node.module or ""
    parts = here.split(".")
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def forbidden(
    package: str,
    imports: Iterator[Import],
    rules: dict[str, Rule],
    rooms: frozenset[str] = frozenset(),
    room: str | None = None,
) -> Iterator[tuple[int, str]]:
    """(line, arrow) for each import of `package`'s module (in `room`, if in one) that the table
    forbids: another package not in its row, a library not in its row, a room beside its own."""
    rule = rules[package]
    for found in imports:
        if found.name is None:
            yield (
                found.line,
                f"{package} -> a module named at run time (name it: the table is checked)",
            )
            continue
        top = found.name.split(".")[0]
        if top in rules:
            if top not in rule.packages:
                yield found.line, f"{package} -> {top} ({found.name})"
            elif top == package and room in rooms:
                other = found.name.split(".")[1:2]
                if other and other[0] in rooms and other[0] != room:
                    yield found.line, f"{package}.{room} -> {package}.{other[0]} ({found.name})"
        elif top not in {*sys.stdlib_module_names, "__future__", *rule.libraries}:
            yield found.line, f"{package} -> library {top} ({found.name})"


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def violations(path: Path, rules: dict[str, Rule], rooms: dict[str, frozenset[str]]) -> list[str]:
    relative = path.relative_to(ROOT)
    package = relative.parts[0]
    room = relative.parts[1] if len(relative.parts) > 2 else None
    found = imports_in(
        path.read_text(encoding="utf-8"), dotted(path), is_package=path.name == "__init__.py"
    )
    return [
        f"{relative}:{line}: {arrow}"
        for line, arrow in forbidden(package, found, rules, rooms.get(package, frozenset()), room)
    ]


@pytest.fixture(scope="module")
def design() -> str:
    return DESIGN.read_text(encoding="utf-8")


def test_the_design_table_is_the_layers(design: str) -> None:
    rules = design_rules(design)
    assert list(rules) == list(LAYERS)
    for index, package in enumerate(LAYERS):
        assert rules[package].packages == set(LAYERS[: index + 1]), package
    assert rules["rangemap"].libraries == {"starlette", "uvicorn"}  # the explorer
    rooms = design_rooms(design)
    for package, names in rooms.items():
        assert len(names) >= 2 and all((ROOT / package / name).is_dir() for name in names)


@pytest.mark.parametrize("package", LAYERS)
def test_every_import_follows_the_table(package: str, design: str) -> None:
    rules, rooms = design_rules(design), design_rooms(design)
    paths = modules(package)
    assert paths, f"no module found in {package}/"
    found = [line for path in paths for line in violations(path, rules, rooms)]
    assert not found, "imports docs/DESIGN.md forbids:\n" + "\n".join(found)


def test_the_check_sees_every_kind_of_import(design: str) -> None:
    rules, rooms = design_rules(design), design_rooms(design)
    source = (
        "from __future__ import annotations\n"
        "import json\n"
        "from typing import TYPE_CHECKING\n"
        "from importlib import resources\n"
        "import numpy\n"
        "from routes.standoff.strike import plan_strike\n"
        "from . import analysis\n"
        "from ..planning import planner\n"
        "if TYPE_CHECKING:\n"
        "    from formats.features import leg_feature\n"
        "def draw():\n"
        "    import folium\n"
        "    from basemaps.web import interactive\n"
        "    importlib.import_module('rangemap.outputs')\n"
        "    resources.files('basemaps')\n"
        "    __import__(name)\n"
    )
    found = imports_in(source, "routes.flown.example")
    assert list(forbidden("routes", found, rules, rooms["routes"], "flown")) == [
        (6, "routes.flown -> routes.standoff (routes.standoff.strike)"),
        (10, "routes -> formats (formats.features)"),
        (12, "routes -> library folium (folium)"),
        (13, "routes -> basemaps (basemaps.web)"),
        (14, "routes -> rangemap (rangemap.outputs)"),
        (15, "routes -> basemaps (basemaps)"),
        (16, "routes -> a module named at run time (name it: the table is checked)"),
    ]
    relative = list(imports_in(source, "routes.flown.example"))
    assert Import(7, "routes.flown") in relative and Import(8, "routes.planning") in relative


def test_geo_uses_only_shapely_pyproj_and_numpy() -> None:
    loaded = modules_after("import geo")
    assert {"shapely", "pyproj", "numpy"} <= loaded
    assert loaded & (HEAVY | set(LAYERS[1:])) == set()


@pytest.mark.parametrize("package", LAYERS)
def test_packages_import_no_rendering_or_dataframes_up_front(package: str) -> None:
    assert modules_after(f"import {package}") & HEAVY == set()


@pytest.mark.parametrize("package", LAYERS)
def test_no_module_imports_rendering_or_dataframes_up_front(package: str) -> None:
    names = [dotted(path) for path in modules(package) if path.name != "__main__.py"]
    loaded = modules_after(
        "\n".join(f"import {name}" for name in names if name not in RENDERER_MODULES)
    )
    assert loaded & HEAVY == set()


def test_the_faces_load_maps_and_figures_on_first_use() -> None:
    assert modules_after("import basemaps, formats") & HEAVY == set()
    loaded = modules_after("import basemaps; basemaps.interactive_map")
    assert "folium" in loaded and "matplotlib" not in loaded


def test_routes_never_imports_rendering_even_when_used() -> None:
    loaded = modules_after(
        "from formats import load_scenario\n"
        "from routes import run_scenario\n"
        "run_scenario(load_scenario('japan-patrol'))"
    )
    assert loaded & RENDERING == set()
