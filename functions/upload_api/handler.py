"""HTTP API (API Gateway HTTP API v2) for the app: upload forms, scan list, fresh links.

Routes (each needs ``Authorization: Bearer <Firebase ID token>``):
    * ``POST /uploads`` ``{"filename", "content_type", "size"}`` (optionally with
      ``"pixel_spacing_mm"`` and ``"slice_thickness_mm"``) -> a presigned POST form
      restricted to ``uploads/{uid}/{scan_id}/`` (403 for an unverified account, 429 past
      the per-user limits of :mod:`ichseg.cloud.quota`);
    * ``GET /scans`` -> the caller's scans;
    * ``POST /scans/{scan_id}/links`` -> renewed download links for a finished scan;
    * ``PATCH /scans/{scan_id}`` ``{"name"}`` -> the renamed scan (404 if not the caller's);
    * ``DELETE /scans/{scan_id}`` -> 204 once the upload, results and document are gone
      (also when already gone; 409 while the scan is queued or processing).
"""

from __future__ import annotations

import functools
import json
from typing import Any, TypeVar

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ValidationError

from ichseg.cloud.factory import build_upload_deps, token_verifier
from ichseg.cloud.quota import QuotaExceededError, UnverifiedCallerError
from ichseg.cloud.settings import CloudSettings
from ichseg.cloud.uploads import (
    RenameRequest,
    ScanBusyDeleteError,
    ScanNotFoundError,
    UploadDeps,
    UploadRequest,
    delete_user_scan,
    issue_upload,
    list_user_scans,
    rename_scan,
    renew_links,
)
from ichseg.errors import AuthError, IchsegError, InputError, LimitExceeded, TransientError
from ichseg.ports import Caller, TokenVerifier

_Model = TypeVar("_Model", bound=BaseModel)

logger = Logger(service="ichseg-upload-api")
app = APIGatewayHttpResolver()


@functools.cache
def get_deps() -> tuple[UploadDeps, TokenVerifier]:
    """Adapters and the token verifier, built on first use and reused while warm."""
    settings = CloudSettings()
    return build_upload_deps(settings), token_verifier(settings)


def _caller() -> tuple[Caller, UploadDeps]:
    deps, verifier = get_deps()
    header = app.current_event.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("missing bearer token")
    return verifier.verify_caller(token.strip()), deps


def _json(status: int, body: Any) -> Response:
    return Response(
        status_code=status, content_type=content_types.APPLICATION_JSON, body=json.dumps(body)
    )


def _body(model: type[_Model], what: str) -> _Model:
    try:
        body = json.loads(app.current_event.body or "{}")
        return model.model_validate(body)
    except (ValueError, ValidationError) as exc:
        first = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else "not JSON"
        raise InputError(f"bad {what} request: {first}") from exc


@app.post("/uploads")
def create_upload() -> Response:
    """Issue a presigned upload form for a new scan."""
    caller, deps = _caller()
    request = _body(UploadRequest, "upload")
    return _json(201, issue_upload(caller, request, deps))


@app.get("/scans")
def get_scans() -> Response:
    """List the caller's scans."""
    caller, deps = _caller()
    return _json(200, {"scans": list_user_scans(caller.uid, deps)})


@app.post("/scans/<scan_id>/links")
def post_links(scan_id: str) -> Response:
    """Renew a finished scan's download links."""
    caller, deps = _caller()
    return _json(200, renew_links(caller.uid, scan_id, deps))


@app.patch("/scans/<scan_id>")
def patch_scan(scan_id: str) -> Response:
    """Rename one of the caller's scans."""
    caller, deps = _caller()
    request = _body(RenameRequest, "rename")
    return _json(200, rename_scan(caller.uid, scan_id, request, deps))


@app.delete("/scans/<scan_id>")
def remove_scan(scan_id: str) -> Response:
    """Delete one of the caller's scans with its upload and results."""
    caller, deps = _caller()
    delete_user_scan(caller.uid, scan_id, deps)
    return Response(status_code=204, body="")


@app.exception_handler(ScanBusyDeleteError)
def _busy(exc: ScanBusyDeleteError) -> Response:
    return _json(409, {"error": exc.code, "message": str(exc)})


@app.exception_handler(AuthError)
def _unauthorised(exc: AuthError) -> Response:
    logger.info("refused a request: %s", exc)
    return _json(401, {"error": "unauthorised", "message": "a valid Firebase ID token is required"})


@app.exception_handler(ScanNotFoundError)
def _not_found(exc: ScanNotFoundError) -> Response:
    return _json(404, {"error": exc.code, "message": str(exc)})


@app.exception_handler(UnverifiedCallerError)
def _unverified(exc: UnverifiedCallerError) -> Response:
    return _json(403, {"error": exc.code, "message": str(exc)})


@app.exception_handler(QuotaExceededError)
def _over_quota(exc: QuotaExceededError) -> Response:
    logger.info("upload form refused: %s", exc)
    return _json(429, {"error": exc.code, "message": str(exc)})


@app.exception_handler(LimitExceeded)
def _too_large(exc: LimitExceeded) -> Response:
    return _json(413, {"error": exc.code, "message": str(exc)})


@app.exception_handler(IchsegError)
def _bad_request(exc: IchsegError) -> Response:
    return _json(400, {"error": exc.code, "message": str(exc)})


@app.exception_handler(TransientError)
def _unavailable(exc: TransientError) -> Response:
    logger.warning("dependency unavailable: %s", exc)
    return _json(503, {"error": "unavailable", "message": "please try again"})


@logger.inject_lambda_context(log_event=False)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Route one HTTP API v2 event."""
    return app.resolve(event, context)
