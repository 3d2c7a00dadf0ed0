"""Reading rangemap's KML back with an independent reader (the standard library's ElementTree) and
checking what Google Earth needs of its coordinates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import numpy as np

NS = {"k": "http://www.opengis.net/kml/2.2"}


@dataclass
class Mark:
    """A Placemark as read: its folder path, name, style, data, times and coordinate lists."""

    folders: tuple[str, ...]
    name: str
    style: str
    data: dict[str, str]
    times: dict[str, str]
    lines: list[np.ndarray] = field(default_factory=list)
    #: Each polygon as its rings (outer first).
    polygons: list[list[np.ndarray]] = field(default_factory=list)
    points: list[np.ndarray] = field(default_factory=list)


def _xy(element: ET.Element) -> np.ndarray:
    text = element.findtext("k:coordinates", namespaces=NS) or ""
    return np.array([[float(value) for value in pair.split(",")] for pair in text.split()])


def placemarks(document: bytes) -> list[Mark]:
    """Every Placemark of a KML document, in document order."""
    marks: list[Mark] = []

    def walk(element: ET.Element, folders: tuple[str, ...]) -> None:
        for child in element:
            if child.tag == f"{{{NS['k']}}}Folder":
                walk(child, (*folders, child.findtext("k:name", namespaces=NS) or ""))
            elif child.tag == f"{{{NS['k']}}}Placemark":
                marks.append(_mark(child, folders))

    root = ET.fromstring(document)
    top = root.find("k:Document", NS)
    walk(root if top is None else top, ())
    return marks


def _mark(element: ET.Element, folders: tuple[str, ...]) -> Mark:
    data = {
        str(item.get("name")): item.findtext("k:value", default="", namespaces=NS)
        for item in element.iterfind("k:ExtendedData/k:Data", NS)
    }
    span = element.find("k:TimeSpan", NS)
    times = {} if span is None else {child.tag.split("}")[1]: child.text or "" for child in span}
    mark = Mark(
        folders=folders,
        name=element.findtext("k:name", default="", namespaces=NS),
        style=element.findtext("k:styleUrl", default="", namespaces=NS),
        data=data,
        times=times,
    )
    mark.lines = [_xy(line) for line in element.iter(f"{{{NS['k']}}}LineString")]
    mark.points = [_xy(point) for point in element.iter(f"{{{NS['k']}}}Point")]
    mark.polygons = [
        [_xy(ring) for ring in polygon.iter(f"{{{NS['k']}}}LinearRing")]
        for polygon in element.iter(f"{{{NS['k']}}}Polygon")
    ]
    return mark


def styles(document: bytes) -> dict[str, dict[str, str]]:
    """Each shared Style's colours: {"#id": {"LineStyle": "ff...", "PolyStyle": ..., ...}}, with
    PolyStyle's outline flag as "outline"."""
    found: dict[str, dict[str, str]] = {}
    for style in ET.fromstring(document).iter(f"{{{NS['k']}}}Style"):
        looks = {
            child.tag.split("}")[1]: child.findtext("k:color", default="", namespaces=NS)
            for child in style
        }
        outline = style.findtext("k:PolyStyle/k:outline", namespaces=NS)
        if outline is not None:
            looks["outline"] = outline
        found[f"#{style.get('id')}"] = looks
    return found


def largest_jump_deg(xy: np.ndarray) -> float:
    """The largest change of longitude between consecutive vertices."""
    return float(np.abs(np.diff(xy[:, 0])).max()) if len(xy) > 1 else 0.0
