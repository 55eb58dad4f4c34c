"""What every API route shares: the caller's context, CSRF and login checks, JSON errors.

Each route is an ``async def handler(request, ctx)`` wrapped by :func:`api`; what the
routes share at run time (settings, the index, the store, the workers) is the
:class:`ServerState` that :func:`ichseg.server.app.create_app` puts on the application.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ichseg.ports import FolderStore, ServerIndex
from ichseg.records import User
from ichseg.server import auth
from ichseg.server.settings import ServeSettings
from ichseg.server.worker import JobWorker

SESSION_COOKIE = "ichseg_session"
CSRF_COOKIE = "ichseg_csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Largest JSON body an account route reads.
MAX_JSON_BYTES = 16 * 1024


class ApiError(Exception):
    """An error answered as ``{"error": message}`` with an HTTP status."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


@dataclass
class Context:
    """Who is calling: the user (if signed in) and the CSRF token they must echo."""

    user: User | None
    csrf: str | None
    session_hash: str | None


@dataclass
class ServerState:
    """What the routes share."""

    settings: ServeSettings
    index: ServerIndex
    store: FolderStore
    limiter: auth.LoginLimiter
    workers: list[JobWorker]


def state(request: Request) -> ServerState:
    """What the routes share (set on the application by ``create_app``)."""
    shared: ServerState = request.app.state.ichseg
    return shared


def context(request: Request) -> Context:
    """Who is calling: the session's user and CSRF token, or the anonymous CSRF cookie."""
    shared = state(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        hashed = auth.token_hash(token)
        found = shared.index.session_user(hashed)
        if found is not None:
            user, csrf = found
            return Context(user=user, csrf=csrf, session_hash=hashed)
    return Context(user=None, csrf=request.cookies.get(CSRF_COOKIE), session_hash=None)


def check_csrf(request: Request, ctx: Context) -> None:
    """Refuse an unsafe request from another origin or without the caller's CSRF token."""
    if request.method in SAFE_METHODS:
        return
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise ApiError(403, "cross-origin request refused")
    sent = request.headers.get(CSRF_HEADER, "")
    if not ctx.csrf or not sent or not hmac.compare_digest(sent, ctx.csrf):
        raise ApiError(403, "missing or invalid CSRF token; reload the page")


Handler = Callable[[Request, Context], Awaitable[Response]]


def api(*, login: bool = True) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """Wrap an API handler: resolve the caller, check CSRF and login, map errors to JSON."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                ctx = context(request)
                check_csrf(request, ctx)
                if login and ctx.user is None:
                    raise ApiError(401, "sign in first")
                return await handler(request, ctx)
            except ApiError as exc:
                return JSONResponse(
                    {"error": exc.message}, status_code=exc.status, headers=exc.headers
                )

        endpoint.__name__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        return endpoint

    return wrap


async def json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object body, refusing a missing, large or non-object one."""
    length = request.headers.get("content-length", "")
    if not length.isdigit() or int(length) > MAX_JSON_BYTES:
        raise ApiError(413 if length.isdigit() else 411, "request body missing or too large")
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "request body must be JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object")
    return body
