"""The embedded server: JSON API, result files, live status and the web app.

Routes (all ``/api`` answers are JSON; errors are ``{"error": "one line"}``):

* ``GET /api/session``: the signed-in user (or ``null``) and the CSRF token to send in the
  ``X-CSRF-Token`` header of every unsafe request.
* ``POST /api/signup``, ``/api/login``, ``/api/logout``, ``/api/forgot``, ``/api/reset``.
* ``GET /api/scans``, ``POST /api/scans`` (multipart ``file``; optional
  ``pixel_spacing_mm`` and ``slice_thickness_mm`` for inputs without spacing),
  ``GET /api/scans/{id}``, ``PATCH /api/scans/{id}`` (``{"name"}``: rename),
  ``DELETE /api/scans/{id}`` (the upload, every result file and the row).
* ``GET /api/scans/{id}/files/{name}``: ``overlay.mp4``, ``slices.mp4``, ``report.json``,
  ``masks/NNN.png`` (HTTP Range supported), ``masks.zip`` (streamed), ``hu.npy.gz`` (the
  Hounsfield volume, for DICOM and NIfTI inputs).
* ``GET /api/events``: Server-Sent Events with the user's scans whenever they change.
* ``GET /config.json`` and the static web app.

Every scan route answers 404 for a scan of another user, exactly as for a missing one.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ichseg.adapters.local_storage import LocalBlobStore
from ichseg.adapters.sqlite_index import SqliteIndex, User
from ichseg.errors import InputError
from ichseg.hu_volume import HU_VOLUME_NAME
from ichseg.ports import Segmenter
from ichseg.server import auth
from ichseg.server.housekeeping import clean_name, delete_scan, parse_spacing, save_spacing
from ichseg.server.settings import ServeSettings
from ichseg.server.sniff import ACCEPTED, sniff, stored_name
from ichseg.server.wording import wait_text
from ichseg.server.worker import JobWorker, SegmenterProvider, SegmentFn, result_key

log = logging.getLogger("ichseg.server")

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
SESSION_COOKIE = "ichseg_session"
CSRF_COOKIE = "ichseg_csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RESULT_FILES = {
    "overlay.mp4": "video/mp4",
    "slices.mp4": "video/mp4",
    "report.json": "application/json",
    HU_VOLUME_NAME: "application/gzip",
}
MASK_RE = re.compile(r"^masks/\d{3,6}\.png$")
JOB_ID_RE = re.compile(r"^[0-9a-f]{32}$")
#: Allowance for multipart boundaries and headers on top of the file itself.
MULTIPART_OVERHEAD = 64 * 1024
#: Largest JSON body an account route reads.
MAX_JSON_BYTES = 16 * 1024

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


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
    index: SqliteIndex
    store: LocalBlobStore
    limiter: auth.LoginLimiter
    workers: list[JobWorker]


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.ichseg
    return state


def _context(request: Request) -> Context:
    state = _state(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        hashed = auth.token_hash(token)
        found = state.index.session_user(hashed)
        if found is not None:
            user, csrf = found
            return Context(user=user, csrf=csrf, session_hash=hashed)
    return Context(user=None, csrf=request.cookies.get(CSRF_COOKIE), session_hash=None)


def _check_csrf(request: Request, ctx: Context) -> None:
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
                ctx = _context(request)
                _check_csrf(request, ctx)
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


async def _json_body(request: Request) -> dict[str, Any]:
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


def _session_json(user: User | None, csrf: str | None) -> dict[str, Any]:
    return {"user": {"email": user.email} if user else None, "csrf": csrf}


def _start_session(request: Request, user: User) -> JSONResponse:
    state = _state(request)
    token, csrf = auth.new_token(), auth.new_token()
    state.index.create_session(auth.token_hash(token), user.id, csrf, state.settings.session_ttl_s)
    response = JSONResponse(_session_json(user, csrf))
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=state.settings.session_ttl_s,
        httponly=True,
        samesite="strict",
        secure=state.settings.cookie_secure,
        path="/",
    )
    return response


# -- accounts ------------------------------------------------------------------------------


@api(login=False)
async def get_session(request: Request, ctx: Context) -> Response:
    """The signed-in user and a CSRF token (a fresh anonymous one if needed)."""
    if ctx.user is not None:
        return JSONResponse(_session_json(ctx.user, ctx.csrf))
    csrf = ctx.csrf or auth.new_token()
    response = JSONResponse(_session_json(None, csrf))
    response.set_cookie(
        CSRF_COOKIE,
        csrf,
        httponly=False,
        samesite="strict",
        secure=_state(request).settings.cookie_secure,
        path="/",
    )
    return response


@api(login=False)
async def signup(request: Request, ctx: Context) -> Response:
    """Create an account and sign it in."""
    body = await _json_body(request)
    email = auth.normalise_email(body.get("email"))
    if email is None:
        raise ApiError(400, "enter a valid e-mail address")
    problem = auth.password_problem(body.get("password"))
    if problem:
        raise ApiError(400, problem)
    encoded = await run_in_threadpool(auth.hash_password, body["password"])
    user = _state(request).index.create_user(email, encoded)
    if user is None:
        raise ApiError(409, "an account with this e-mail already exists")
    log.info("account created: %s", email)
    return _start_session(request, user)


@api(login=False)
async def login(request: Request, ctx: Context) -> Response:
    """Sign in with e-mail and password (rate-limited per account and IP)."""
    state = _state(request)
    body = await _json_body(request)
    email = auth.normalise_email(body.get("email")) or ""
    password = body.get("password")
    ip = request.client.host if request.client else "?"
    wait = state.limiter.retry_after(email, ip)
    if wait:
        raise ApiError(
            429,
            f"too many failed logins; try again in {wait_text(wait)}",
            {"Retry-After": str(wait)},
        )
    user = state.index.user_by_email(email) if email else None
    ok = isinstance(password, str) and await run_in_threadpool(
        auth.verify_password, user.password_hash if user else None, password
    )
    if not ok or user is None:
        state.limiter.failed(email, ip)
        raise ApiError(401, "wrong e-mail or password")
    state.limiter.succeeded(email, ip)
    return _start_session(request, user)


@api(login=False)
async def logout(request: Request, ctx: Context) -> Response:
    """End the session."""
    if ctx.session_hash:
        _state(request).index.delete_session(ctx.session_hash)
    response = JSONResponse({"user": None})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@api(login=False)
async def forgot(request: Request, ctx: Context) -> Response:
    """Write a one-time reset link to the server log (same answer for unknown e-mails)."""
    state = _state(request)
    body = await _json_body(request)
    email = auth.normalise_email(body.get("email"))
    if email is None:
        raise ApiError(400, "enter a valid e-mail address")
    user = state.index.user_by_email(email)
    if user is not None:
        token = auth.new_token()
        state.index.create_reset(auth.token_hash(token), user.id, state.settings.reset_ttl_s)
        minutes = state.settings.reset_ttl_s // 60
        log.warning(
            "password reset link for %s (valid %d min, once): %s/#/reset?token=%s",
            user.email,
            minutes,
            state.settings.base_url,
            token,
        )
    return JSONResponse(
        {"ok": True, "message": "If the account exists, the server log has a reset link."}
    )


@api(login=False)
async def reset(request: Request, ctx: Context) -> Response:
    """Set a new password with a reset token; ends every other session of the account."""
    state = _state(request)
    body = await _json_body(request)
    token = body.get("token")
    problem = auth.password_problem(body.get("password"))
    if problem:
        raise ApiError(400, problem)
    if not isinstance(token, str) or not token:
        raise ApiError(400, "the reset link is incomplete")
    user_id = state.index.consume_reset(auth.token_hash(token))
    if user_id is None:
        raise ApiError(400, "the reset link is invalid, used or expired; ask for a new one")
    encoded = await run_in_threadpool(auth.hash_password, body["password"])
    state.index.set_password(user_id, encoded)
    state.index.delete_user_sessions(user_id)
    return JSONResponse({"ok": True, "message": "Password changed; sign in with it."})


# -- scans ---------------------------------------------------------------------------------


@api()
async def list_scans(request: Request, ctx: Context) -> Response:
    """The user's scans, newest first."""
    assert ctx.user is not None
    jobs = _state(request).index.list_jobs(ctx.user.id)
    return JSONResponse({"scans": [j.public() for j in jobs]})


def _job_or_404(request: Request, ctx: Context) -> Any:
    assert ctx.user is not None
    job_id = request.path_params["job_id"]
    job = _state(request).index.get_job(job_id, ctx.user.id) if JOB_ID_RE.match(job_id) else None
    if job is None:
        raise ApiError(404, "no such scan")
    return job


@api()
async def get_scan(request: Request, ctx: Context) -> Response:
    """One scan of the user."""
    return JSONResponse(_job_or_404(request, ctx).public())


@api()
async def rename_scan(request: Request, ctx: Context) -> Response:
    """Give a scan a name (``{"name": "..."}``; empty goes back to the file name)."""
    assert ctx.user is not None
    job = _job_or_404(request, ctx)
    body = await _json_body(request)
    try:
        name = clean_name(body.get("name"))
    except InputError as exc:
        raise ApiError(400, str(exc)) from None
    index = _state(request).index
    index.rename_job(job.id, ctx.user.id, name)
    return JSONResponse(index.get_job(job.id, ctx.user.id).public())  # type: ignore[union-attr]


@api()
async def delete_scan_route(request: Request, ctx: Context) -> Response:
    """Delete a scan with its upload and every result file."""
    job = _job_or_404(request, ctx)
    state = _state(request)
    if not await run_in_threadpool(delete_scan, state.index, state.store, job):
        raise ApiError(409, "this scan is being processed; delete it when it has finished")
    return JSONResponse({"ok": True, "id": job.id})


def _safe_filename(name: str | None) -> str:
    base = PurePath((name or "scan").replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable())[:200].strip()
    return cleaned or "scan"


def _store_upload(upload: UploadFile, store: LocalBlobStore, key: str) -> None:
    dest = store.path_for(key)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as out:
            upload.file.seek(0)
            shutil.copyfileobj(upload.file, out, 1024 * 1024)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@api()
async def upload_scan(request: Request, ctx: Context) -> Response:
    """Accept one scan file (multipart field ``file``), check type and size, queue a job."""
    assert ctx.user is not None
    state = _state(request)
    limit = state.settings.max_upload_bytes
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise ApiError(411, "the upload needs a Content-Length")
    if int(length) > limit + MULTIPART_OVERHEAD:
        raise ApiError(413, f"file too large: the limit is {limit // (1024 * 1024)} MiB")
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ApiError(400, "send the file as multipart/form-data in a field named 'file'")
    try:
        form = await request.form(max_files=1, max_fields=4)
    except HTTPException as exc:
        raise ApiError(400, f"malformed upload: {exc.detail}") from None
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "send the file in a multipart field named 'file'")
        size = upload.size or 0
        if size == 0:
            raise ApiError(400, "the file is empty")
        if size > limit:
            raise ApiError(413, f"file too large: the limit is {limit // (1024 * 1024)} MiB")
        try:
            spacing = parse_spacing(form.get("pixel_spacing_mm"), form.get("slice_thickness_mm"))
        except InputError as exc:
            raise ApiError(400, str(exc)) from None
        filename = _safe_filename(upload.filename)
        await upload.seek(0)
        head = await upload.read(4096)
        kind = sniff(head, filename)
        if kind is None:
            raise ApiError(415, f"unsupported file type: upload {ACCEPTED}")
        job_id = uuid.uuid4().hex
        key = f"uploads/{job_id}/{stored_name(kind, filename)}"
        await run_in_threadpool(_store_upload, upload, state.store, key)
        if spacing is not None:
            save_spacing(state.store, job_id, spacing)
    finally:
        await form.close()
    if kind == "dicom":
        key = key.rsplit("/", 1)[0]  # a single DICOM file is read as a one-file series
    job = state.index.create_job(job_id, ctx.user.id, filename, size, key)
    log.info("job %s queued: %s (%s, %d bytes)", job_id, filename, kind, size)
    for worker in state.workers:
        worker.wake()
    return JSONResponse(job.public(), status_code=201)


def _masks_zip(folder: Path) -> Iterator[bytes]:
    """Stream a zip of the mask PNGs without building it in memory or on disk."""

    class _Sink:
        def __init__(self) -> None:
            self.chunks: list[bytes] = []

        def write(self, data: bytes) -> int:
            self.chunks.append(bytes(data))
            return len(data)

        def flush(self) -> None:
            return None

        def close(self) -> None:
            return None

        def take(self) -> bytes:
            data, self.chunks = b"".join(self.chunks), []
            return data

    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.glob("*.png")):
            with open(path, "rb") as src, archive.open(f"masks/{path.name}", "w") as dst:
                shutil.copyfileobj(src, dst, 256 * 1024)
            yield sink.take()
    yield sink.take()


@api()
async def scan_file(request: Request, ctx: Context) -> Response:
    """A result file of a done scan; ``?download=1`` asks the browser to save it."""
    job = _job_or_404(request, ctx)
    name = request.path_params["name"]
    folder = _state(request).store.path_for(result_key(job.id))
    stem = f"scan-{job.id[:8]}"
    download = request.query_params.get("download") == "1"
    headers = {"Cache-Control": "private, max-age=3600"}
    if name == "masks.zip":
        if job.status != "done" or not (folder / "masks").is_dir():
            raise ApiError(404, "no such file")
        headers["Content-Disposition"] = f'attachment; filename="{stem}-masks.zip"'
        return StreamingResponse(
            _masks_zip(folder / "masks"), media_type="application/zip", headers=headers
        )
    if name in RESULT_FILES:
        path, media = folder / name, RESULT_FILES[name]
    elif MASK_RE.match(name):
        path, media = folder / name, "image/png"
    else:
        raise ApiError(404, "no such file")
    if job.status != "done" or not path.is_file():
        raise ApiError(404, "no such file")
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{stem}-{name.replace("/", "-")}"'
    return FileResponse(path, media_type=media, headers=headers)


@api()
async def events(request: Request, ctx: Context) -> Response:
    """Server-Sent Events: the user's scans each time any of them changes."""
    assert ctx.user is not None
    state = _state(request)
    user_id = ctx.user.id

    async def stream() -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        end = loop.time() + state.settings.events_max_s
        last: str | None = None
        last_sent = loop.time()
        yield "retry: 1000\n\n"
        while loop.time() < end:
            if ctx.session_hash is None or state.index.session_user(ctx.session_hash) is None:
                yield "event: signed-out\ndata: {}\n\n"
                return  # logged out (or reset) elsewhere: stop sending this user's scans
            jobs = await run_in_threadpool(state.index.list_jobs, user_id)
            data = json.dumps({"scans": [j.public() for j in jobs]})
            if data != last:
                last, last_sent = data, loop.time()
                yield f"event: scans\ndata: {data}\n\n"
            elif loop.time() - last_sent > 15:
                last_sent = loop.time()
                yield ": keep-alive\n\n"
            if await request.is_disconnected():
                return
            await asyncio.sleep(state.settings.poll_interval_s)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


# -- static app ----------------------------------------------------------------------------


async def config_json(request: Request) -> Response:
    """The web app's configuration in embedded mode."""
    settings = _state(request).settings
    return JSONResponse(
        {"mode": "local", "maxUploadBytes": settings.max_upload_bytes},
        headers={"Cache-Control": "no-store"},
    )


async def index_html(request: Request) -> Response:
    """The single page of the web app."""
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


async def api_not_found(request: Request) -> Response:
    """JSON 404 for unknown API paths."""
    return JSONResponse({"error": "no such API route"}, status_code=404)


class SecurityHeaders:
    """Adds CSP and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and add the headers to the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)  # type: ignore[arg-type]


def _load_default_segmenter(settings: ServeSettings) -> Callable[[], Segmenter]:
    def load() -> Segmenter:
        from ichseg.adapters.onnx_segmenter import OnnxSegmenter, default_model_path

        return OnnxSegmenter.from_path(settings.model_path or default_model_path())

    return load


def _warn_if_model_missing(settings: ServeSettings) -> None:
    from ichseg.adapters.onnx_segmenter import default_model_path

    model = settings.model_path or default_model_path()
    if Path(model).is_file():
        log.info("model: %s", model)
    else:
        log.warning(
            "model not found: %s; scans will fail until it exists (pass --model PATH)", model
        )


def create_app(
    settings: ServeSettings,
    segmenter: Segmenter | None = None,
    *,
    segment_fn: SegmentFn | None = None,
) -> Starlette:
    """Build the server application.

    Workers start with the application's lifespan (``settings.workers`` threads) and
    stop after their current job when it ends.

    Args:
        settings: Server settings; ``data_dir`` is created if missing.
        segmenter: The segmenter to run; ``None`` loads ``settings.model_path`` (or the
            default model) on the first job.
        segment_fn: Pipeline override (tests); defaults to ``ichseg.service.segment_scan``.

    Returns:
        The Starlette application.
    """
    data_dir = Path(settings.data_dir)
    index = SqliteIndex(data_dir / "ichseg.sqlite3")
    store = LocalBlobStore(data_dir / "store")
    provider = SegmenterProvider(
        (lambda: segmenter) if segmenter is not None else _load_default_segmenter(settings)
    )
    workers = [
        JobWorker(
            index,
            store,
            provider,
            lease_s=settings.job_lease_s,
            max_attempts=settings.job_max_attempts,
            poll_interval_s=settings.poll_interval_s,
            batch_size=settings.batch_size,
            segment_fn=segment_fn,
        )
        for _ in range(settings.workers)
    ]
    state = ServerState(
        settings=settings,
        index=index,
        store=store,
        limiter=auth.LoginLimiter(settings.login_max_failures, settings.login_window_s),
        workers=workers,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if segmenter is None and workers:
            _warn_if_model_missing(settings)
        if workers:
            workers[0].reap()  # jobs left processing by a dead server come back first
        for worker in workers:
            worker.start()
        log.info("ichseg serving %s from %s", settings.base_url, data_dir.resolve())
        try:
            yield
        finally:
            for worker in workers:
                worker.stop(timeout=30.0)

    routes = [
        Route("/api/session", get_session, methods=["GET"]),
        Route("/api/signup", signup, methods=["POST"]),
        Route("/api/login", login, methods=["POST"]),
        Route("/api/logout", logout, methods=["POST"]),
        Route("/api/forgot", forgot, methods=["POST"]),
        Route("/api/reset", reset, methods=["POST"]),
        Route("/api/scans", list_scans, methods=["GET"]),
        Route("/api/scans", upload_scan, methods=["POST"]),
        Route("/api/scans/{job_id}", get_scan, methods=["GET"]),
        Route("/api/scans/{job_id}", rename_scan, methods=["PATCH"]),
        Route("/api/scans/{job_id}", delete_scan_route, methods=["DELETE"]),
        Route("/api/scans/{job_id}/files/{name:path}", scan_file, methods=["GET", "HEAD"]),
        Route("/api/events", events, methods=["GET"]),
        Route("/api/{rest:path}", api_not_found),
        Route("/config.json", config_json, methods=["GET"]),
        Route("/", index_html, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.ichseg = state
    app.add_middleware(SecurityHeaders)
    return app


def run_server(settings: ServeSettings) -> None:
    """Serve the app with uvicorn on ``settings.host:settings.port`` until interrupted."""
    import uvicorn

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("ichseg").setLevel(logging.INFO)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )
