"""The questions' workers: a bounded set of processes (spawned, so no thread's lock or half-made
index is copied into them), each warmed once as it starts and keeping its caches between
questions. Processes, not threads: the geometry libraries' lazily prepared indexes are not safe
to build from two threads at once, the event loop keeps its core while they compute, and a
question cancelled (its asker gone) or over the time limit is stopped for real: its worker is
ended and a fresh one takes its place, so no abandoned question keeps a worker busy."""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any

from rangemap.explorer.answering import Reply, answer_reply, error_reply

__all__ = ["CANCELLED_STATUS", "Workers"]

#: The status of a question whose asker went away before its answer (nginx's "client closed").
CANCELLED_STATUS = 499
#: How often a question in progress looks whether its asker is still there (seconds).
_WATCH_S = 0.2


def _answering(questions: Connection) -> None:
    """A worker's life: Ctrl-C is the server's to handle; warm the caches, then answer each
    question sent until the server closes its end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from rangemap.explorer.page import warm_up

    warm_up()
    while True:
        try:
            command, body, how = questions.recv()
        except (EOFError, OSError):
            return
        questions.send(answer_reply(command, body, **how))


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context: SpawnContext) -> None:
        self.connection, theirs = context.Pipe()
        self.process: SpawnProcess = context.Process(
            target=_answering, args=(theirs,), daemon=True, name="rangemap-worker"
        )
        self.process.start()
        theirs.close()

    def answered(self, command: str, body: Any, how: dict[str, Any]) -> Reply:
        """Ask and wait for the reply (in a thread: it blocks)."""
        self.connection.send((command, body, how))
        reply: Reply = self.connection.recv()
        return reply

    def end(self) -> None:
        """End the process. Its pipe closes when the last thread reading it is done (closing it
        under a reading thread could hand its number to another pipe)."""
        self.process.terminate()
        self.process.join(timeout=1)


class Workers:
    """`count` worker processes answering questions, each within `time_limit_s`."""

    def __init__(self, count: int, time_limit_s: float) -> None:
        self.count, self.time_limit_s = count, time_limit_s
        self._context = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(count, thread_name_prefix="rangemap-asking")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()

    def start(self) -> None:
        """Start (and warm) every worker now, not at the first question."""
        for _ in range(self.count):
            self._idle.put_nowait(self._new())

    def _new(self) -> _Worker:
        worker = _Worker(self._context)
        self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.end()
        self._all.discard(worker)
        self._idle.put_nowait(self._new())

    async def answer(
        self,
        command: str,
        body: Any,
        gone: Callable[[], Awaitable[bool]] | None = None,
        **how: Any,
    ) -> Reply:
        """The reply to a question, waiting for a free worker first; past the time limit
        (waiting included) a 503. `gone` says whether the asker has left: then the question is
        stopped and the reply is a 499 nobody reads."""
        try:
            return await asyncio.wait_for(self._asked(command, body, gone, how), self.time_limit_s)
        except TimeoutError:
            return error_reply(
                f"the question took more than {self.time_limit_s:g} s: ask a smaller one", 503
            )

    async def _asked(
        self,
        command: str,
        body: Any,
        gone: Callable[[], Awaitable[bool]] | None,
        how: dict[str, Any],
    ) -> Reply:
        worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        replying = loop.run_in_executor(self._threads, worker.answered, command, body, how)
        replying.add_done_callback(_heard)
        watching = asyncio.ensure_future(_left(gone))
        try:
            either: set[asyncio.Future[Any]] = {replying, watching}
            done, _ = await asyncio.wait(either, return_when="FIRST_COMPLETED")
        except asyncio.CancelledError:  # over the time limit: stop it
            watching.cancel()
            self._replace(worker)
            raise
        watching.cancel()
        if replying not in done:
            self._replace(worker)
            return error_reply("cancelled: the asker went away", CANCELLED_STATUS)
        try:
            reply = replying.result()
        except (EOFError, OSError):
            self._replace(worker)
            return error_reply("a worker stopped while answering: ask again", 503)
        self._idle.put_nowait(worker)
        return reply

    def stop(self) -> None:
        """End the workers (a question waiting for one is answered no more)."""
        for worker in list(self._all):
            worker.end()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


def _heard(replying: asyncio.Future[Reply]) -> None:
    """Retrieve a stopped question's end (EOFError) so it is not logged as lost."""
    if not replying.cancelled():
        replying.exception()


async def _left(gone: Callable[[], Awaitable[bool]] | None) -> None:
    """Return once `gone` says the asker has left (never, without `gone`)."""
    while True:
        await asyncio.sleep(_WATCH_S)
        if gone is not None and await gone():
            return
