"""Scan routes: the user's scans and their result files.

* ``GET /api/scans``, ``GET /api/scans/{id}``, ``PATCH /api/scans/{id}`` (``{"name"}``:
  rename), ``DELETE /api/scans/{id}`` (the upload, every result file and the row).
* ``GET /api/scans/{id}/files/{name}``: ``overlay.mp4``, ``slices.mp4`` (scans without an HU
  volume), ``report.json``,
  ``masks/NNN.png`` (HTTP Range supported), ``masks.zip`` (streamed), ``hu.npy.gz`` (the
  Hounsfield volume, for DICOM and NIfTI inputs).

Every scan route answers 404 for a scan of another user, exactly as for a missing one.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ichseg.errors import InputError
from ichseg.outputs import MASK_RE, MASKS_DIR, MASKS_ZIP_NAME, RESULT_FILES
from ichseg.records import Job
from ichseg.server.housekeeping import clean_name, delete_scan, result_key
from ichseg.server.http import ApiError, Context, api, json_body, state
from ichseg.server.uploads import upload_scan

JOB_ID_RE = re.compile(r"^[0-9a-f]{32}$")


@api()
async def list_scans(request: Request, ctx: Context) -> Response:
    """The user's scans, newest first."""
    assert ctx.user is not None
    jobs = state(request).index.list_jobs(ctx.user.id)
    return JSONResponse({"scans": [j.public() for j in jobs]})


def _job_or_404(request: Request, ctx: Context) -> Job:
    assert ctx.user is not None
    job_id = request.path_params["job_id"]
    job = state(request).index.get_job(job_id, ctx.user.id) if JOB_ID_RE.match(job_id) else None
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
    body = await json_body(request)
    try:
        name = clean_name(body.get("name"))
    except InputError as exc:
        raise ApiError(400, str(exc)) from None
    index = state(request).index
    index.rename_job(job.id, ctx.user.id, name)
    renamed = index.get_job(job.id, ctx.user.id)
    if renamed is None:  # deleted meanwhile
        raise ApiError(404, "no such scan")
    return JSONResponse(renamed.public())


@api()
async def delete_scan_route(request: Request, ctx: Context) -> Response:
    """Delete a scan with its upload and every result file."""
    job = _job_or_404(request, ctx)
    st = state(request)
    if not await run_in_threadpool(delete_scan, st.index, st.store, job):
        raise ApiError(409, "this scan is being processed; delete it when it has finished")
    return JSONResponse({"ok": True, "id": job.id})


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
    folder = state(request).store.path_for(result_key(job.id))
    stem = f"scan-{job.id[:8]}"
    download = request.query_params.get("download") == "1"
    headers = {"Cache-Control": "private, max-age=3600"}
    if name == MASKS_ZIP_NAME:
        if job.status != "done" or not (folder / MASKS_DIR).is_dir():
            raise ApiError(404, "no such file")
        headers["Content-Disposition"] = f'attachment; filename="{stem}-masks.zip"'
        return StreamingResponse(
            _masks_zip(folder / MASKS_DIR), media_type="application/zip", headers=headers
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


ROUTES = [
    Route("/api/scans", list_scans, methods=["GET"]),
    Route("/api/scans", upload_scan, methods=["POST"]),
    Route("/api/scans/{job_id}", get_scan, methods=["GET"]),
    Route("/api/scans/{job_id}", rename_scan, methods=["PATCH"]),
    Route("/api/scans/{job_id}", delete_scan_route, methods=["DELETE"]),
    Route("/api/scans/{job_id}/files/{name:path}", scan_file, methods=["GET", "HEAD"]),
]
