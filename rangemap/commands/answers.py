"""A computing command's answer, as the command line and the explorer both give it: the record
(what `--json` prints and the API answers), the text for people, and what its files are drawn
from. `deliver` is the command line's half: write the -o files, then print."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rangemap.commands import options
from rangemap.outputs import MapOptions, write_outputs
from rangemap.terminal import error_line, json_text, say

if TYPE_CHECKING:
    from basemaps.content import MapContent

__all__ = ["Answer", "deliver"]


@dataclass(frozen=True)
class Answer:
    """One command's answer. `features` makes the GeoJSON features when a file needs them (a
    flown track of 200,000 points takes seconds); `complaint` is the "no plan" line a command
    that still answers says on stderr, with its exit code `code`."""

    record: object
    text: str
    features: Callable[[], list[dict[str, Any]]]
    content: MapContent
    map_options: MapOptions
    complaint: str | None = None
    code: int = 0


def deliver(args: argparse.Namespace, answer: Answer) -> int:
    """Write the -o files, print the record (--json) or the text, and return the exit code."""
    features = answer.features() if args.output else []
    write_outputs(args.output, features, answer.content, answer.map_options)
    say(json_text(answer.record) if args.json else answer.text)
    options.report_written(args.output, args.json)
    if answer.complaint is not None:
        error_line(answer.complaint)
    return answer.code
