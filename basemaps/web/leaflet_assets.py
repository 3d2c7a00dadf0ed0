"""Leaflet's JavaScript and CSS: the CDN addresses folium uses, or inline copies for offline maps.

The inline copies come from the PyPI package xstatic-leaflet (the same Leaflet release folium loads),
with the CSS images turned into data: URIs, so an offline map makes no request at all.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

__all__ = ["LEAFLET_CSS_URL", "LEAFLET_JS_URL", "LEAFLET_VERSION", "inline_css", "inline_js"]

LEAFLET_VERSION = "1.9.3"
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"


def _folder() -> Path:
    import xstatic.pkg.leaflet as leaflet

    if leaflet.VERSION != LEAFLET_VERSION:
        raise RuntimeError(
            f"xstatic-leaflet has Leaflet {leaflet.VERSION}, maps expect {LEAFLET_VERSION}"
        )
    return Path(leaflet.BASE_DIR)


@cache
def inline_js() -> str:
    """leaflet.js, ready to go inside a <script> element."""
    return (_folder() / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")


@cache
def inline_css() -> str:
    """leaflet.css with its images as data: URIs."""
    folder = _folder()

    def data_uri(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/{image.suffix.lstrip('.')};base64,{encoded})"

    css = re.sub(
        r"/\*.*?\*/", "", (folder / "leaflet.css").read_text(encoding="utf-8"), flags=re.DOTALL
    )
    return re.sub(r"url\((images/[^)]+)\)", data_uri, css)
