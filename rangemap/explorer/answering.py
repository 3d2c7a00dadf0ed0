"""Answering one question in a worker thread: its body read as a command line, the command's
answer (kept warm for a while, so a download after a look costs nothing), and the reply: the
record as --json prints it, a file from -o's writers made in memory, or a one-line error. "No
plan" is an answer (200); bad input is 400, too many track points 413; nothing is a 500."""

from __future__ import annotations

import json
import re
import sys
import tempfile
import threading
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import airspace
import geo
import routes
from basemaps.web.airspace_view import airspace_collection
from formats.geojson import geojson_bytes
from formats.tracks.points import TooManyPointsError
from rangemap.commands.answers import Answer
from rangemap.commands.options import option_name
from rangemap.explorer.questions import ANSWERS, BadQuestionError, Question, question
from rangemap.outputs import UsageError, render_outputs
from rangemap.terminal import json_text

__all__ = ["DOWNLOADS", "Reply", "answer_reply", "error_reply", "json_reply"]

#: What a download may be, by the suffix -o gives it, with its media type.
DOWNLOADS = {
    "geojson": "application/geo+json",
    "kml": "application/vnd.google-earth.kml+xml",
    "kmz": "application/vnd.google-earth.kmz",
    "gpkg": "application/geopackage+sqlite3",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
_TRACK_SUFFIXES = (".csv", ".geojson", ".json", ".kml", ".gpx")
_KEPT_ANSWERS = 24


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, body, media type and any extra headers."""

    status: int
    body: bytes
    media_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


def json_reply(data: object, status: int = 200) -> Reply:
    return Reply(status, json_text(data).encode("utf-8"))


def error_reply(message: str, status: int = 400) -> Reply:
    """One line: `{"error": ...}`."""
    line = " ".join(message.split())[:2000]
    return Reply(status, json.dumps({"error": line}, ensure_ascii=False).encode("utf-8"))


class _Kept:
    """The last answers, by command line (a flown track, big and uploaded, is never kept)."""

    def __init__(self) -> None:
        self._answers: OrderedDict[tuple[str, ...], Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> Answer | None:
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def keep(self, key: tuple[str, ...], answer: Answer) -> None:
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > _KEPT_ANSWERS:
                self._answers.popitem(last=False)


_kept = _Kept()


def answer_reply(
    command: str, body: Any, *, download: str | None = None, features: bool = False
) -> Reply:
    """The reply to one question (run it in a worker thread: it computes)."""
    try:
        if download is not None and download not in DOWNLOADS:
            raise BadQuestionError(f"download {download[:20]!r} is none of {', '.join(DOWNLOADS)}")
        if command == "track":
            return _track_reply(body, download, features)
        asked = question(command, body)
        answer = _kept.get(asked.argv)
        if answer is None:
            answer = ANSWERS[command](asked.args)
            _kept.keep(asked.argv, answer)
        return _reply(asked, answer, download, features)
    except Exception as error:
        return _error(error)


def _reply(asked: Question, answer: Answer, download: str | None, features: bool) -> Reply:
    if download is not None:
        name = f"rangemap-{asked.command}.{download}"
        files = render_outputs([Path(name)], answer.features(), answer.content, answer.map_options)
        disposition = ("Content-Disposition", f'attachment; filename="{name}"')
        return Reply(200, files[Path(name)], DOWNLOADS[download], (disposition,))
    record = json_text(answer.record).encode("utf-8")
    if not features:
        return Reply(200, record)
    text = json.dumps(answer.text, ensure_ascii=False).encode("utf-8")
    drawn = geojson_bytes(answer.features())
    zones = json.dumps(airspace_collection(answer.content))
    parts = (b'{"record": ', record, b', "text": ', text, b', "features": ', drawn)
    return Reply(200, b"".join((*parts, b', "airspace": ', zones.encode("utf-8"), b"}")))


def _track_reply(body: Any, download: str | None, features: bool) -> Reply:
    """A flown track: the uploaded text ({"file": {"name": ..., "text": ...}}) read from a
    private temporary folder, whose path no reply names."""
    if not isinstance(body, dict) or not isinstance(body.get("file"), dict):
        raise BadQuestionError('give the track as "file": {"name": "patrol.kml", "text": "..."}')
    upload = body["file"]
    name, text = upload.get("name"), upload.get("text")
    if not isinstance(name, str) or not isinstance(text, str):
        raise BadQuestionError("the track file needs a name and a text")
    plain = Path(re.sub(r"[^\w.-]", "_", Path(name.replace("\\", "/")).name))
    if plain.suffix.lower() not in _TRACK_SUFFIXES:
        shown = str(plain)[:100]
        raise BadQuestionError(f"track file {shown!r}: give a {', '.join(_TRACK_SUFFIXES)} file")
    # At most 100 bytes of the name before its suffix: a file name holds 255 bytes, not letters.
    base = plain.stem.encode("utf-8")[:100].decode("utf-8", "ignore") + plain.suffix
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BadQuestionError(
            f"the track file is not text: {error.reason} at {error.start}"
        ) from None
    options = {key: value for key, value in body.items() if key != "file"}
    with tempfile.TemporaryDirectory(prefix="rangemap-upload-") as folder:
        try:
            path = Path(folder) / base
            path.write_text(text, encoding="utf-8")
            asked = question("track", options, [str(path)])
            answer = ANSWERS["track"](asked.args)
            reply = _reply(asked, answer, download, features)
        except Exception as error:
            raise _UnnamedError(error, f"{folder}/") from None
    if download is None and reply.status == 200:
        reply = Reply(200, reply.body.replace(f"{folder}/".encode(), b""))
    return reply


class _UnnamedError(Exception):
    """An error met reading an upload, told without the temporary folder's name."""

    def __init__(self, error: Exception, folder: str) -> None:
        super().__init__(str(error))
        self.error, self.folder = error, folder


def _error(error: Exception) -> Reply:
    """A one-line error reply; the unexpected are said as such, with the trace on the server's
    stderr, never in the reply."""
    folder = ""
    if isinstance(error, _UnnamedError):
        folder, error = error.folder, error.error
    if isinstance(error, routes.NoPlanError):
        return json_reply({"no_plan": _said(error, folder)})
    if isinstance(error, TooManyPointsError):
        return error_reply(_said(error, folder), 413)
    if isinstance(error, BadQuestionError | UsageError | geo.GeoError | airspace.AirspaceError):
        return error_reply(_said(error, folder))
    if isinstance(error, routes.RoutesError):
        return error_reply(_said(error, folder))
    traceback.print_exception(error, file=sys.stderr)
    return error_reply(
        f"internal error: {type(error).__name__}: {_said(error, folder)} (please report it)", 422
    )


def _said(error: Exception, folder: str) -> str:
    text = error.worded(option_name) if isinstance(error, routes.RoutesError) else str(error)
    return text.replace(folder, "") if folder else text
