"""The packages' faces (docs/DESIGN.md): every name in `__all__` is there, none hides a room, and
the short names are the functions they stand for."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

FACES = ("geo", "airspace", "routes", "formats", "basemaps")
ROOT = Path(__file__).parents[1]
#: Modules a face's function shadows, on purpose (their other names are imported from them).
SHADOWED = {
    ("geo", "unwrap"),
    ("airspace", "crossings"),
    ("airspace", "zones"),
    ("routes", "timeline"),
}


@pytest.mark.parametrize("name", FACES)
def test_every_listed_name_is_there(name: str) -> None:
    face = importlib.import_module(name)
    assert face.__doc__
    assert len(set(face.__all__)) == len(face.__all__)
    for listed in face.__all__:
        assert getattr(face, listed) is not None, listed
    assert set(face.__all__) <= set(dir(face))


@pytest.mark.parametrize("name", FACES)
def test_no_name_hides_a_room(name: str) -> None:
    face = importlib.import_module(name)
    rooms = {path.name for path in (ROOT / name).iterdir() if (path / "__init__.py").exists()}
    modules = {path.stem for path in (ROOT / name).glob("*.py")}
    assert not set(face.__all__) & rooms
    assert {(name, listed) for listed in set(face.__all__) & modules} <= SHADOWED


@pytest.mark.parametrize("name", ["formats", "basemaps"])
def test_a_lazy_face_refuses_a_name_it_does_not_have(name: str) -> None:
    face = importlib.import_module(name)
    with pytest.raises(AttributeError, match="no attribute 'nowhere'"):
        face.nowhere  # noqa: B018


def test_the_short_names_are_the_functions_they_stand_for() -> None:
    import routes

    names = {short: getattr(routes, short).__name__ for short in ("plan", "band", "need", "strike")}
    assert names == {
        "plan": "plan_with_policy",
        "band": "band_with_policy",
        "need": "where_to_refuel",
        "strike": "plan_strike",
    }
    assert routes.timeline is importlib.import_module("routes.timeline").timeline
