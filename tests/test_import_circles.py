"""No circle of imports anywhere in the six packages, and no module importing its own package's
face (faces are for the outside): the house of docs/DESIGN.md stays a walk downhill."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("geo", "airspace", "routes", "formats", "basemaps", "rangemap")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the six packages, by dotted name."""
    return {
        module_name(path): path
        for package in LAYERS
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def imports_of(path: Path, known: set[str]) -> Iterator[tuple[int, str]]:
    """(line, module) for each of our modules `path` imports: at the top, inside functions
    (lazy imports) and through importlib.import_module with a literal name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    literal_names = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known
    }
    uses_importlib = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield node.lineno, submodule if submodule in known else node.module
        elif isinstance(node, ast.Attribute) and node.attr == "import_module":
            uses_importlib = True
    if uses_importlib:  # the names a module hands to import_module, as literals anywhere in it
        for name in sorted(literal_names):
            yield 0, name


def graph() -> dict[str, list[tuple[int, str]]]:
    known = set(modules())
    return {
        name: [(line, target) for line, target in imports_of(path, known) if target in known]
        for name, path in modules().items()
    }


def test_no_module_imports_its_own_package_face() -> None:
    faces = set(LAYERS)
    wrong = [
        f"{name} line {line}: imports the face {target}"
        for name, targets in graph().items()
        for line, target in targets
        if target in faces and target == name.split(".")[0] and name != target
    ]
    assert not wrong, "\n".join(wrong)


def test_no_circle_of_modules() -> None:
    edges = {name: sorted({target for _, target in targets}) for name, targets in graph().items()}
    circle = _a_circle(edges)
    assert circle is None, " -> ".join(circle or [])


def _a_circle(edges: dict[str, list[str]]) -> list[str] | None:
    """A circle of the graph (as a path that ends where it starts), or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in edges.get(node, []):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_rules_can_fail() -> None:
    """The circle finder finds a circle, and a wrong arrow would be named."""
    assert _a_circle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]
    assert _a_circle({"a": ["b"], "b": []}) is None
    known = {"routes.catalog", "basemaps.style"}
    probe = ROOT / "routes" / "catalog.py"
    assert all(target != "basemaps.style" for _, target in imports_of(probe, known))
