"""The questions' workers: a bounded set of processes (spawned, so no thread's lock or half-made
index is copied into them), each warmed once as it starts and keeping its caches between
questions. Processes, not threads: the geometry libraries' lazily prepared indexes are not safe
to build from two threads at once, the event loop keeps its core while they compute, and a
question over the time limit, or abandoned by its asker and still running a moment later, is
stopped for real: its worker is ended and a fresh one takes its place, so no abandoned question
keeps a worker busy. When the server stops, the questions in hand are answered 503 at once."""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any

from rangemap.explorer.answering import Reply, answer_reply, error_reply

__all__ = ["CANCELLED_STATUS", "Workers", "gone_reply", "stopping_reply"]

#: The status of a question whose asker went away before its answer (nginx's "client closed").
CANCELLED_STATUS = 499
#: How often a question in hand looks whether its asker is still there (seconds).
_WATCH_S = 0.2
#: How long an abandoned question may still run before its worker is ended (seconds): a plan
#: the page replaced while dragging ends on its own, and its worker stays warm.
_GRACE_S = 2.0

#: What a worker says once warm, before its first question.
_READY = "ready"

Gone = Callable[[], Awaitable[bool]]


def _answering(questions: Connection) -> None:
    """A worker's life: Ctrl-C is the server's to handle; warm the caches, then answer each
    question sent until the server closes its end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from rangemap.explorer.page import warm_up

    warm_up()
    questions.send(_READY)
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

    def warmed(self, ending: threading.Event) -> bool:
        """Wait until the worker is warm (in a thread: it blocks); False if it died first or
        the server is ending."""
        while not ending.is_set():
            try:
                if self.connection.poll(_WATCH_S):
                    return bool(self.connection.recv() == _READY)
            except (EOFError, OSError):
                return False
            if not self.process.is_alive():
                return False
        return False

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
        self._asking = ThreadPoolExecutor(count, thread_name_prefix="rangemap-asking")
        # Ending, starting and warming workers blocks: in threads of their own, off the loop.
        self._renewing = ThreadPoolExecutor(count, thread_name_prefix="rangemap-renewing")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._stopping = asyncio.Event()
        self._ending = threading.Event()  # the same, for the threads
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        """Start every worker now, not at the first question (in the event loop); each is
        handed questions once warm."""
        self._loop = asyncio.get_running_loop()
        for _ in range(self.count):
            self._renew(None)

    def _renewed(self, worker: _Worker | None) -> _Worker | None:
        """End `worker` (if any) and start a fresh one; it once warm, or None if the server is
        ending or it died warming."""
        if worker is not None:
            worker.end()
            with self._lock:
                self._all.discard(worker)
        if self._ending.is_set():
            return None
        fresh = _Worker(self._context)
        with self._lock:
            self._all.add(fresh)
        if fresh.warmed(self._ending) and not self._ending.is_set():
            return fresh
        fresh.end()
        with self._lock:
            self._all.discard(fresh)
        return None

    def _renew(self, worker: _Worker | None) -> None:
        """End `worker` and, once warm, put a fresh one in its place (unless stopping)."""
        renewal = asyncio.get_running_loop().run_in_executor(self._renewing, self._renewed, worker)

        def ready(done: asyncio.Future[_Worker | None]) -> None:
            if done.cancelled() or done.exception() is not None:
                return
            fresh = done.result()
            if fresh is not None and not self._stopping.is_set():
                self._idle.put_nowait(fresh)
            elif fresh is None and not self._stopping.is_set():
                self._renew(None)  # it died warming: another

        renewal.add_done_callback(ready)

    async def answer(self, command: str, body: Any, gone: Gone | None = None, **how: Any) -> Reply:
        """The reply to a question, waiting for a free worker first; past the time limit
        (waiting included) a 503. `gone` says whether the asker has left: then the question is
        dropped (a 499 nobody reads)."""
        try:
            return await asyncio.wait_for(self._asked(command, body, gone, how), self.time_limit_s)
        except TimeoutError:
            return error_reply(
                f"the question took more than {self.time_limit_s:g} s: ask a smaller one", 503
            )

    async def _asked(
        self, command: str, body: Any, gone: Gone | None, how: dict[str, Any]
    ) -> Reply:
        watching = asyncio.ensure_future(_left(gone))
        stopping = asyncio.ensure_future(self._stopping.wait())
        getting = asyncio.ensure_future(self._idle.get())
        worker: _Worker | None = None
        try:
            first: set[asyncio.Future[Any]] = {getting, watching, stopping}
            await asyncio.wait(first, return_when="FIRST_COMPLETED")
            if getting.done() and not getting.cancelled():
                worker = getting.result()
            if worker is None or watching.done() or stopping.done():
                return self._unasked(worker, stopping.done())
            loop = asyncio.get_running_loop()
            replying = loop.run_in_executor(self._asking, worker.answered, command, body, how)
            replying.add_done_callback(_heard)
            either: set[asyncio.Future[Any]] = {replying, watching, stopping}
            await asyncio.wait(either, return_when="FIRST_COMPLETED")
            if stopping.done() and not replying.done():
                return stopping_reply()  # its worker is ended by stop()
            if not replying.done():  # the asker left: a moment more, then stop it
                grace: set[asyncio.Future[Any]] = {replying, stopping}
                await asyncio.wait(grace, timeout=_GRACE_S, return_when="FIRST_COMPLETED")
                if stopping.done() and not replying.done():
                    return stopping_reply()
                if not replying.done():
                    self._renew(worker)
                    return gone_reply()
            return self._heard_from(worker, replying)
        except asyncio.CancelledError:  # over the time limit: stop it
            if worker is not None:
                self._renew(worker)
            elif getting.done() and not getting.cancelled():  # got, but not yet taken in hand
                self._idle.put_nowait(getting.result())
            raise
        finally:
            for waiting in (watching, stopping, getting):
                waiting.cancel()

    def _unasked(self, worker: _Worker | None, stopping: bool) -> Reply:
        """The reply to a question dropped before it reached a worker (its worker freed)."""
        if worker is not None:
            self._idle.put_nowait(worker)
        if stopping:
            return stopping_reply()
        return gone_reply()

    def _heard_from(self, worker: _Worker, replying: asyncio.Future[Reply]) -> Reply:
        """The worker's reply, the worker freed; or, where the question never got through,
        one line, the worker freed (it never saw it) or renewed (it died)."""
        error = replying.exception()
        if error is None:
            self._idle.put_nowait(worker)
            return replying.result()
        if isinstance(error, EOFError | OSError):
            self._renew(worker)
            return error_reply("a worker stopped while answering: ask again", 503)
        self._idle.put_nowait(worker)  # the question could not be sent: nothing reached it
        return error_reply(f"the question cannot be handed to a worker ({type(error).__name__})")

    def stopping(self) -> None:
        """The server is stopping: answer the questions in hand 503 now (from any thread, or
        a signal handler)."""
        self._ending.set()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)

    async def until_stopping(self) -> None:
        """Return once the server is stopping."""
        await self._stopping.wait()

    def stop(self) -> None:
        """End the workers, those starting included (more than once does no harm)."""
        self._ending.set()
        self._stopping.set()
        self._renewing.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            ending, self._all = list(self._all), set()
        for worker in ending:
            worker.end()
        self._asking.shutdown(wait=False, cancel_futures=True)


def stopping_reply() -> Reply:
    """The reply to a question the server cannot answer as it stops."""
    return error_reply("the server is stopping: ask again once it is back", 503)


def gone_reply() -> Reply:
    """The reply to a question whose asker left (nobody reads it)."""
    return error_reply("cancelled: the asker went away", CANCELLED_STATUS)


def _heard(replying: asyncio.Future[Reply]) -> None:
    """Retrieve a stopped question's end (EOFError) so it is not logged as lost."""
    if not replying.cancelled():
        replying.exception()


async def _left(gone: Gone | None) -> None:
    """Return once `gone` says the asker has left (never, without `gone`)."""
    while True:
        await asyncio.sleep(_WATCH_S)
        if gone is not None and await gone():
            return
