"""The browser code a map carries inline (so it works offline): the script that shows the page's
text, rangemap's labels, panels, measuring tool and timeline player, and the npm packages they use
(basemaps/web/assets/vendor, each with its licence)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["measure_tool", "page_script", "page_tools", "timeline_player"]

#: leaflet-timedimension's buttons, drawn with plain characters instead of a CDN's icon font.
_PLAYER_CSS = """
.leaflet-bar-timecontrol .leaflet-control-timecontrol:before { font-family: system-ui, sans-serif; }
.timecontrol-play:before { content: "\\25B6"; }
.timecontrol-play.pause:before { content: "\\275A\\275A"; font-size: 10px; }
.timecontrol-backward:before { content: "\\00AB"; font-size: 18px; }
.timecontrol-forward:before { content: "\\00BB"; font-size: 18px; }
.timecontrol-speed:before { content: ""; }
.leaflet-bar-timecontrol .timecontrol-speed { width: auto; padding: 0 6px; }
.leaflet-bar-timecontrol .timecontrol-speed .speed { width: auto; padding-right: 4px; }
a.timecontrol-play.loading:before, .timecontrol-date.loading:before { content: "\\2026"; }
.rangemap-events { max-width: 320px; max-height: 30vh; overflow: auto;
  background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.4 system-ui, sans-serif; }
.rangemap-events .title { font-weight: 600; cursor: pointer; }
.rangemap-events .event { cursor: pointer; color: #777; }
.rangemap-events .event.past { color: #111; }
.rangemap-events .time { font-variant-numeric: tabular-nums; color: #555; }
"""

_MEASURE_CSS = """
.rangemap-measure-button { font-size: 18px; line-height: 30px; text-align: center; }
.rangemap-measure-button.active { background: #ffe9a8; }
.rangemap-measuring { cursor: crosshair; }
.rangemap-measuring .leaflet-interactive { pointer-events: none !important; }
.rangemap-measure { background: rgba(255,255,255,0.95); padding: 4px 8px; min-width: 190px;
  font: 12px/1.4 system-ui, sans-serif; border-top: 1px solid #ccc; }
.rangemap-measure .total { font-weight: 600; }
.rangemap-measure .hint { color: #555; }
.leaflet-tooltip.rangemap-measure-label { padding: 1px 4px; font: 11px/1.3 system-ui, sans-serif;
  background: rgba(255,255,255,0.85); border-color: #111; box-shadow: none; }
.rangemap-measure .clear { display: inline; width: auto; height: auto; line-height: 1.4;
  border: none; color: #0645ad; }
"""


_LABELS_CSS = """
.rangemap-labels-button { font: 600 13px/30px system-ui, sans-serif; text-align: center; }
.rangemap-labels-button.active { background: #ffe9a8; }
.leaflet-tooltip.rangemap-label { padding: 0 3px; font: 11px/1.3 system-ui, sans-serif;
  background: rgba(255,255,255,0.8); border: none; box-shadow: none; }
.leaflet-tooltip.rangemap-label:before { display: none; }
"""


def _asset(*parts: str) -> str:
    return resources.files("basemaps.web").joinpath("assets", *parts).read_text(encoding="utf-8")


def _script(code: str) -> str:
    return "<script>" + code.replace("</script", "<\\/script") + "</script>"


def _style(css: str) -> str:
    return "<style>" + css.replace("</style", "<\\/style") + "</style>"


def page_tools(*, timeline: bool) -> str:
    """Every map's tools: its text helper, labels, panel placing and measuring tool, and the player
    if it plays a timeline."""
    return _helpers() + measure_tool() + (timeline_player() if timeline else "")


@cache
def _helpers() -> str:
    return "\n".join(
        [
            _style(_LABELS_CSS),
            _script(_asset("text.js")),
            _script(_asset("labels.js")),
            _script(_asset("panels.js")),
        ]
    )


@cache
def page_script() -> str:
    """The script that puts the page's text on screen and installs the tools
    (`rangemap.bind(map)`), inline."""
    return _script(_asset("page.js"))


@cache
def measure_tool() -> str:
    """GeographicLib's geodesics and the measuring control (`rangemapMeasure(map)`), inline."""
    return "\n".join(
        [
            _style(_MEASURE_CSS),
            _script(_asset("vendor", "geographiclib-geodesic", "geographiclib-geodesic.min.js")),
            _script(_asset("measure.js")),
        ]
    )


@cache
def timeline_player() -> str:
    """Leaflet.TimeDimension (with iso8601-js-period) and the player (`rangemapTimeline(map,
    data)`), inline; the plugin's stylesheet without its CDN font."""
    css = _asset("vendor", "leaflet-timedimension", "leaflet.timedimension.control.min.css")
    css = re.sub(r"@font-face\s*\{[^}]*\}", "", css)
    return "\n".join(
        [
            _style(css + _PLAYER_CSS),
            _script(_asset("vendor", "iso8601-js-period", "iso8601.js")),
            _script(_asset("vendor", "leaflet-timedimension", "leaflet.timedimension.min.js")),
            _script(_asset("timeline.js")),
        ]
    )
