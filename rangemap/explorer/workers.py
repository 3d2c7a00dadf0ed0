"""The questions' workers: a bounded pool of processes (spawned, so no thread's lock or half-made
index is copied into them), each warmed once as it starts and keeping its caches between
questions. Processes, not threads: the geometry libraries' lazily prepared indexes are not safe
to build from two threads at once, and the event loop keeps its core while they compute."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from rangemap.explorer.answering import Reply, answer_reply, error_reply

__all__ = ["Workers"]


def _started() -> None:
    """A worker's start: Ctrl-C is the server's to handle, then warm the caches."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from rangemap.explorer.page import warm_up

    warm_up()


def _ready() -> bool:
    return True


class Workers:
    """`count` worker processes answering questions, each within `time_limit_s`."""

    def __init__(self, count: int, time_limit_s: float) -> None:
        self.count, self.time_limit_s = count, time_limit_s
        self._pool = self._made()

    def _made(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.count, mp_context=context, initializer=_started)

    def start(self) -> None:
        """Start (and warm) every worker now, not at the first question."""
        for _ in range(self.count):
            self._pool.submit(_ready)

    async def answer(self, command: str, body: Any, **how: Any) -> Reply:
        """The reply to a question; past the time limit a 503 (a question that has begun runs
        to its end in its worker, the pool keeps its bound; one still waiting is dropped)."""
        call = functools.partial(answer_reply, command, body, **how)
        try:
            future = asyncio.get_running_loop().run_in_executor(self._pool, call)
            return await asyncio.wait_for(future, self.time_limit_s)
        except TimeoutError:
            return error_reply(
                f"the question took more than {self.time_limit_s:g} s: ask a smaller one", 503
            )
        except BrokenProcessPool:
            self._pool = self._made()
            return error_reply("a worker stopped while answering: ask again", 503)

    def stop(self) -> None:
        """Drop the questions waiting and end the workers."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.terminate()
