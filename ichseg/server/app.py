"""The embedded server: wiring of the JSON API, result files, live status and the web app.

Routes (all ``/api`` answers are JSON; errors are ``{"error": "one line"}``), each in the
module of its concern:

* :mod:`ichseg.server.accounts`: ``/api/session``, ``/api/signup``, ``/api/login``,
  ``/api/logout``, ``/api/forgot``, ``/api/reset``.
* :mod:`ichseg.server.scans` (with :mod:`ichseg.server.uploads` for ``POST /api/scans``):
  ``/api/scans``, ``/api/scans/{id}`` (``GET``, ``PATCH`` rename, ``DELETE``),
  ``/api/scans/{id}/files/{name}``; :mod:`ichseg.server.housekeeping` holds the rename,
  delete and upload-spacing logic.
* :mod:`ichseg.server.events`: ``GET /api/events`` (Server-Sent Events).
* Here: ``GET /config.json`` and the static web app.

The routes reach the index and the store through the ports
(:class:`ichseg.ports.ServerIndex`, :class:`ichseg.ports.FolderStore`); only
:func:`create_app` names the SQLite and folder adapters.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ichseg.adapters.local_storage import LocalBlobStore
from ichseg.adapters.sqlite_index import SqliteIndex
from ichseg.ports import Segmenter
from ichseg.runtimes import load_segmenter, model_path
from ichseg.server import accounts, auth, events, scans
from ichseg.server.http import ServerState, state
from ichseg.server.middleware import SecurityHeaders
from ichseg.server.settings import ServeSettings
from ichseg.server.worker import JobWorker, SegmenterProvider, SegmentFn

log = logging.getLogger("ichseg.server")

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"


async def config_json(request: Request) -> Response:
    """The web app's configuration in embedded mode."""
    settings = state(request).settings
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


def _warn_if_model_missing(settings: ServeSettings) -> None:
    model = model_path(settings)
    if model.is_file():
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
        (lambda: segmenter) if segmenter is not None else (lambda: load_segmenter(settings))
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
            max_batch_pixels=settings.max_batch_pixels,
            fps=settings.fps,
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

    routes: list[BaseRoute] = [
        *accounts.ROUTES,
        *scans.ROUTES,
        *events.ROUTES,
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
