"""A request's body as the command line it stands for: each key a long option (dashes as
underscores), a list for a repeatable option, true for a switch, checked by the commands' own
parser, so every check and message is the command line's. No key names a server path."""

from __future__ import annotations

import argparse
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from rangemap.commands import need, options, plan, reach, ring, strike, track
from rangemap.commands.answers import Answer

__all__ = [
    "ANSWERS",
    "MAX_TRACK_POINTS",
    "QUESTIONS",
    "BadQuestionError",
    "Question",
    "command_line",
    "known_options",
    "question",
]

#: The largest number a body may give (an int beyond a float's reach is no finite number).
_LARGEST = 1e300
#: The most points of an uploaded track (the command line takes more).
MAX_TRACK_POINTS = 200_000

#: Each question the API answers: the function that answers its command line.
ANSWERS: dict[str, Callable[[argparse.Namespace], Answer]] = {
    "ring": ring.ring_answer,
    "plan": plan.plan_answer,
    "need": need.need_answer,
    "reach": reach.reach_answer,
    "strike": strike.strike_answer,
    "track": functools.partial(track.track_answer, max_points=MAX_TRACK_POINTS),
}
QUESTIONS = tuple(ANSWERS)
_ADDERS = {
    "ring": ring.add_ring,
    "plan": plan.add_plan,
    "need": need.add_need,
    "reach": reach.add_reach,
    "strike": strike.add_strike,
    "track": track.add_track,
}
#: Options the API never takes: files on the server (-o, --sites), how the terminal prints, help.
_REFUSED = frozenset({"output", "sites", "json", "help", "cdn", "offline"})


class BadQuestionError(ValueError):
    """A body that is no command line of its question: one line, said as the parser says it."""


class _Parser(options.Parser):
    """The commands' parser, its usage errors raised instead of printed (and never an exit)."""

    def error(self, message: str) -> NoReturn:
        raise BadQuestionError(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise BadQuestionError(message or "no such request")


@dataclass(frozen=True)
class Question:
    """A question asked: its command, its command line and the namespace the parser made of it."""

    command: str
    argv: tuple[str, ...]
    args: argparse.Namespace


@functools.cache
def _parsers() -> dict[str, argparse.ArgumentParser]:
    """Each question's parser, made once by the commands' own functions (parsing keeps no
    state in the parser: they serve every thread)."""
    top: options.Parser = _Parser(prog="rangemap")
    commands: options.Commands = top.add_subparsers(required=True, metavar="COMMAND")
    for adder in _ADDERS.values():
        adder(commands)
    return {name: commands.choices[name] for name in QUESTIONS}


def known_options(command: str) -> dict[str, argparse.Action]:
    """The body keys a question takes, each with its parser action."""
    found: dict[str, argparse.Action] = {}
    for action in _parsers()[command]._actions:
        for text in action.option_strings:
            key = text[2:].replace("-", "_")
            if text.startswith("--") and key not in _REFUSED:
                found[key] = action
    return found


def question(command: str, body: object, positional: Sequence[str] = ()) -> Question:
    """The question a body asks (BadQuestionError, one line, where it asks none)."""
    argv = (*command_line(command, body), *positional)
    parser = _parsers()[command]
    return Question(command, argv, parser.parse_args(list(argv)))


def command_line(command: str, body: object) -> list[str]:
    """The options a body stands for, in its order: `{"via": ["34,129"]}` is `--via=34,129`."""
    if not isinstance(body, dict):
        raise BadQuestionError("the body must be a JSON object of options")
    known = known_options(command)
    pairs = _ring_groups(body) if command == "ring" else list(body.items())
    argv: list[str] = []
    for raw, value in pairs:
        key = str(raw).replace("-", "_")
        if key not in known:
            raise BadQuestionError(f"{command} takes no option {_shown(key)}{_hint(key, known)}")
        argv += _arguments(key, value, known[key])
    return argv


def _arguments(key: str, value: Any, action: argparse.Action) -> list[str]:
    option = "--" + key.replace("_", "-")
    if value is None or value is False:
        return []
    if action.nargs == 0:
        if value is True:
            return [option]
        raise BadQuestionError(f"{option} is a switch: give true or false")
    if isinstance(value, list):
        if not isinstance(action, argparse._AppendAction | options.InGroups):
            raise BadQuestionError(f"{option} takes one value, not a list")
        return [f"{option}={_text(option, item)}" for item in value]
    return [f"{option}={_text(option, value)}"]


def _text(option: str, value: Any) -> str:
    """One value as the command line would give it."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadQuestionError(f"{option} takes text or a number, not {type(value).__name__}")
    if abs(value) > _LARGEST or not math.isfinite(value):
        shown = str(value) if isinstance(value, float) else f"{str(value)[:20]}..."
        raise BadQuestionError(f"{option} {shown} is not a finite number")
    text = repr(value)
    return format(value, ".15f").rstrip("0") if "e" in text else text


def _ring_groups(body: dict[str, Any]) -> list[tuple[str, Any]]:
    """Ring's aircraft groups: `{"aircraft": ["h-6k", "tu-95ms"], "at": [["neixiang"], ["UHBU"]]}`
    stands for --aircraft h-6k --at neixiang --aircraft tu-95ms --at UHBU."""
    planes, bases = body.get("aircraft"), body.get("at")
    if not (isinstance(planes, list) and len(planes) > 1):
        return list(body.items())
    if not (isinstance(bases, list) and len(bases) == len(planes)):
        raise BadQuestionError("with several aircraft, give at as a list of each one's bases")
    grouped: list[tuple[str, Any]] = []
    for plane, sites in zip(planes, bases, strict=True):
        grouped += [("aircraft", plane), ("at", sites if isinstance(sites, list) else [sites])]
    return grouped + [(k, v) for k, v in body.items() if k not in ("aircraft", "at")]


def _shown(key: str) -> str:
    return repr(key[:40] + ("..." if len(key) > 40 else ""))


def _hint(key: str, known: dict[str, argparse.Action]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean {close[0]}?)" if close else f" (it takes {', '.join(sorted(known))})"
