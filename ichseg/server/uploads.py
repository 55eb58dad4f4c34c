"""The upload route and its checks: size, multipart shape, content sniffing, safe storage.

``POST /api/scans`` (multipart field ``file``) accepts one scan whose content is a format
of the registry (:mod:`ichseg.formats`, via :mod:`ichseg.server.sniff`), stores it under
``uploads/{job}/`` and queues a job. Optional fields ``pixel_spacing_mm`` and
``slice_thickness_mm`` (both or neither) give the spacing of an input that carries none
(PNG/JPEG, video); they are kept beside the upload for the worker
(:func:`ichseg.server.housekeeping.save_spacing`).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import uuid
from pathlib import Path, PurePath

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ichseg.errors import InputError
from ichseg.formats import BY_NAME
from ichseg.ports import FolderStore
from ichseg.server.housekeeping import parse_spacing, save_spacing
from ichseg.server.http import ApiError, Context, api, state
from ichseg.server.sniff import ACCEPTED, sniff, stored_name

log = logging.getLogger("ichseg.server")

#: Allowance for multipart boundaries and headers on top of the file itself.
MULTIPART_OVERHEAD = 64 * 1024


def _safe_filename(name: str | None) -> str:
    base = PurePath((name or "scan").replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable())[:200].strip()
    return cleaned or "scan"


def _store_upload(upload: UploadFile, store: FolderStore, key: str) -> None:
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
    st = state(request)
    limit = st.settings.max_upload_bytes
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
        await run_in_threadpool(_store_upload, upload, st.store, key)
        if spacing is not None:
            save_spacing(st.store, job_id, spacing)
    finally:
        await form.close()
    if BY_NAME[kind].stored_folder:
        key = key.rsplit("/", 1)[0]  # e.g. a single DICOM file is read as a one-file series
    job = st.index.create_job(job_id, ctx.user.id, filename, size, key)
    log.info("job %s queued: %s (%s, %d bytes)", job_id, filename, kind, size)
    for worker in st.workers:
        worker.wake()
    return JSONResponse(job.public(), status_code=201)
