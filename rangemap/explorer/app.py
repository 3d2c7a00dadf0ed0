"""The explorer's ASGI app (Starlette): the page and its scripts, the catalogs, one POST endpoint
per question (`/api/plan`, ...) computed in a bounded pool of worker processes under a
time limit, and the API's own description. Every response passes the guards (rangemap.explorer.guard)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from rangemap.explorer import catalogs, page
from rangemap.explorer.answering import Reply, error_reply, json_reply
from rangemap.explorer.guard import MAX_BODY_BYTES, BodyTooLargeError, Guard
from rangemap.explorer.questions import QUESTIONS
from rangemap.explorer.workers import Workers, gone_reply, stopping_reply

__all__ = ["Settings", "create_app"]


@dataclass(frozen=True)
class Settings:
    """Where the app serves: its address, which the Host header must name."""

    host: str = "127.0.0.1"
    port: int = 8765


def create_app(settings: Settings, workers: Workers) -> Guard:
    """The explorer, guarded, for a server at settings.host:settings.port, answering with
    `workers` (whose time limit bounds each body's reading too)."""
    # Catalogs and the base map are made once, in one thread of this process.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rangemap-catalogs")

    async def ask(request: Request) -> Response:
        command = request.path_params["command"]
        if command not in QUESTIONS:
            return _response(
                error_reply(f"no question {command[:40]!r}: ask one of {', '.join(QUESTIONS)}", 404)
            )
        try:
            raw = await _body(request, workers)
        except BodyTooLargeError:
            return _response(error_reply(f"the body is over {MAX_BODY_BYTES // 2**20} MB", 413))
        except TimeoutError:
            limit = f"{workers.time_limit_s:g} s"
            return _response(error_reply(f"the body took more than {limit} to arrive", 408))
        except ClientDisconnect:  # the asker left before it had asked: nobody to answer
            return _response(gone_reply())
        except _StoppingError:
            return _response(stopping_reply())
        try:
            body = json.loads(raw, parse_constant=_no_constant)
        except (ValueError, RecursionError) as error:
            return _response(error_reply(f"the body is not JSON: {error}"))
        if _nesting(body) > MAX_NESTING:
            return _response(error_reply(f"the body nests more than {MAX_NESTING} deep"))
        download = request.query_params.get("download")
        features = request.query_params.get("with") == "features"
        reply = await workers.answer(
            command, body, request.is_disconnected, download=download, features=features
        )
        return _response(reply)

    async def sites(request: Request) -> Response:
        return _response(json_reply(catalogs.found_sites(request.query_params.get("q", ""))))

    async def listed(request: Request) -> Response:
        name = request.url.path.rsplit("/", 1)[-1]
        return _response(Reply(200, await computed_bytes(catalogs.catalog_bytes, name)))

    async def land(request: Request) -> Response:
        body = await computed_bytes(catalogs.land_bytes)
        return _response(Reply(200, body, "application/geo+json"))

    async def computed_bytes(function: Any, *arguments: Any) -> bytes:
        loop = asyncio.get_running_loop()
        result: bytes = await loop.run_in_executor(pool, function, *arguments)
        return result

    async def index(request: Request) -> Response:
        return _response(Reply(200, page.index_html(), "text/html; charset=utf-8"))

    async def static(request: Request) -> Response:
        found = page.asset(request.path_params["name"])
        if found is None:
            return _response(error_reply("no such file", 404))
        body, kind = found
        return _response(Reply(200, body, kind, (("Cache-Control", "no-cache"),)))

    async def openapi(request: Request) -> Response:
        return _response(Reply(200, page.openapi_bytes()))

    async def docs(request: Request) -> Response:
        return _response(Reply(200, page.docs_html(), "text/html; charset=utf-8"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        """Warm the catalogs, airspace indexes and a plan's sight lines while the first page
        loads; at the end, drop the questions still waiting."""
        workers.start()
        asyncio.get_running_loop().run_in_executor(pool, catalogs.warm_up)
        yield
        workers.stop()
        pool.shutdown(wait=False, cancel_futures=True)

    async def not_found(request: Request, error: Exception) -> Response:
        return _response(error_reply(f"no such page: {request.url.path[:80]}", 404))

    async def not_allowed(request: Request, error: Exception) -> Response:
        return _response(
            error_reply(f"{request.method} is not how {request.url.path[:80]} is asked", 405)
        )

    async def failed(request: Request, error: Exception) -> Response:
        print(f"rangemap serve: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return _response(
            error_reply(f"internal error: {type(error).__name__} (please report it)", 422)
        )

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/favicon.ico", lambda request: Response(status_code=204)),
            Route("/static/{name}", static),
            Route("/api/openapi.json", openapi),
            Route("/api/docs", docs),
            Route("/api/land", land),
            Route("/api/sites", sites),
            *(Route(f"/api/{name}", listed) for name in ("aircraft", "weapons", "zones", "tags")),
            Route("/api/{command}", ask, methods=["POST"]),
        ],
        exception_handlers={404: not_found, 405: not_allowed, Exception: failed},
        lifespan=lifespan,
    )
    return Guard(app, host=settings.host, port=settings.port)


#: The deepest a body's lists and objects may nest (ring's groups of bases nest 3 deep).
MAX_NESTING = 8


class _StoppingError(Exception):
    """The server began to stop while a body was arriving."""


async def _body(request: Request, workers: Workers) -> bytes:
    """The request's body, read within the time limit (TimeoutError) unless the server stops."""

    async def read() -> bytes:
        return b"".join([chunk async for chunk in request.stream()])

    reading = asyncio.ensure_future(read())
    stopping = asyncio.ensure_future(workers.until_stopping())
    try:
        either: set[asyncio.Future[Any]] = {reading, stopping}
        await asyncio.wait(either, timeout=workers.time_limit_s, return_when="FIRST_COMPLETED")
        if reading.done():
            return reading.result()
        if stopping.done():
            raise _StoppingError
        raise TimeoutError
    finally:
        reading.cancel()
        stopping.cancel()


def _nesting(data: object) -> int:
    """How deep lists and objects nest in `data` (counted without recursion)."""
    deepest, level = 0, [(data, 1)]
    while level:
        item, depth = level.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth <= MAX_NESTING:
                children = item.values() if isinstance(item, dict) else item
                level += [(child, depth + 1) for child in children]
    return deepest


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON takes")


def _response(reply: Reply) -> Response:
    return Response(reply.body, reply.status, dict(reply.headers), media_type=reply.media_type)
