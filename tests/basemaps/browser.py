"""Headless Chromium (Debian's package) driven by Playwright, with every request accounted for."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from basemaps.web.leaflet_assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, inline_css, inline_js
from tests.conftest import ARTIFACTS

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: When a map page is drawn.
MAP_DRAWN = "() => document.querySelectorAll('.leaflet-overlay-pane path').length > 0"


def chromium_path() -> str:
    """Debian's chromium; outside CI its absence skips the browser tests, in CI it fails them."""
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        message = (
            "Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def blank_tile() -> bytes:
    """A 256 x 256 light grey PNG, the answer to every tile request."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (230, 233, 236)).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class PageReport:
    """What a page did: console errors, uncaught exceptions, requests answered and refused."""

    errors: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@dataclass
class Browser:
    playwright_browser: Any
    tile: bytes

    def open(
        self,
        html: Path,
        *,
        network: str = "offline",
        viewport: tuple[int, int] = (1280, 800),
        ready: str = MAP_DRAWN,
    ) -> tuple[Any, PageReport]:
        """Open a page file, once `ready` (a JavaScript condition) holds. `network` is "offline"
        (the browser knows it is offline; every request is refused), "refused" (the browser thinks
        it is online, as on a closed network, and every request is refused) or "served" (Leaflet's
        CDN files and tiles are served locally). Files beside the page are served (an index's
        pictures); every request but the page itself is recorded."""
        report = PageReport()
        width, height = viewport
        page = self.playwright_browser.new_page(viewport={"width": width, "height": height})
        page.context.set_offline(network == "offline")
        page.add_init_script("window.alert = function () { window.__alerted = true; };")
        page.on("console", lambda m: report.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: report.errors.append(str(error)))
        cdn_from_disk = network == "served"
        local = {
            LEAFLET_JS_URL: (inline_js(), "application/javascript"),
            LEAFLET_CSS_URL: (inline_css(), "text/css"),
        }

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url == html.as_uri():
                request_route.continue_()
            elif url.startswith(html.parent.as_uri() + "/"):
                report.answered.append(url)
                request_route.continue_()
            elif cdn_from_disk and url in local:
                body, kind = local[url]
                report.answered.append(url)
                request_route.fulfill(status=200, body=body, content_type=kind)
            elif (
                cdn_from_disk
                and request_route.request.resource_type == "image"
                and url.startswith("https://")
            ):
                report.answered.append(url)
                request_route.fulfill(status=200, body=self.tile, content_type="image/png")
            else:
                report.refused.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(html.as_uri())
        page.wait_for_function(ready)
        page.wait_for_timeout(300)
        return page, report


def launch() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield Browser(browser, blank_tile())
        finally:
            browser.close()


def screenshot(page: Any, name: str) -> Path:
    """Keep a screenshot as a test artifact; returns its path."""
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def distinct_colours(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return 0 if colours is None else len(colours)
