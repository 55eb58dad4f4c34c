"""Cached factories that turn :class:`CloudSettings` into real adapters (boto3, Firebase).

The composition root of the cloud path: the only module of :mod:`ichseg.cloud` that names
adapters, each imported inside the factory that builds it (so the job logic, and importing
this module, needs no SDK). Nothing here runs at import; each entry point calls a factory
inside its handler, and the result is cached for the life of the container.
"""

from __future__ import annotations

import functools
from typing import Any

from ichseg.cloud.dead_letters import DeadLetterDeps
from ichseg.cloud.process import ProcessDeps
from ichseg.cloud.settings import CloudSettings
from ichseg.cloud.uploads import UploadDeps
from ichseg.ports import ScanIndex, Segmenter, TaskLauncher, TokenVerifier


def boto_client(service: str) -> Any:
    """A boto3 client (see :func:`ichseg.adapters.aws.boto_client`)."""
    from ichseg.adapters.aws import boto_client as client

    return client(service)


def google_credentials(settings: CloudSettings) -> Any:
    """Keyless Google credentials (Workload Identity Federation), or ``None`` if not set up."""
    if not settings.google_wif_audience:
        return None
    from ichseg.adapters.google_wif import workload_identity_credentials

    return workload_identity_credentials(
        settings.google_wif_audience, settings.google_service_account
    )


def firebase_service_account(settings: CloudSettings) -> dict[str, Any] | None:
    """The service-account key from Secrets Manager: only the opt-in fallback.

    ``None`` when Workload Identity Federation is configured or no secret is.
    """
    if settings.google_wif_audience or not settings.firebase_secret_id:
        return None
    from ichseg.adapters.secrets import SecretsManagerSource

    return SecretsManagerSource(boto_client("secretsmanager")).get_json(settings.firebase_secret_id)


def scan_index(settings: CloudSettings) -> ScanIndex:
    """The Firestore scan index."""
    from ichseg.adapters.firestore import FirestoreScanIndex, firestore_client

    client = firestore_client(
        settings.firebase_project_id,
        firebase_service_account(settings),
        credentials=google_credentials(settings),
    )
    return FirestoreScanIndex(client)


def token_verifier(settings: CloudSettings) -> TokenVerifier:
    """A Firebase ID-token verifier."""
    from ichseg.adapters.firestore import FirebaseTokenVerifier, firebase_app

    app = firebase_app(
        settings.firebase_project_id,
        firebase_service_account(settings),
        credentials=google_credentials(settings),
    )
    return FirebaseTokenVerifier(app)


def task_launcher(settings: CloudSettings) -> TaskLauncher | None:
    """The ECS GPU task launcher, or ``None`` when no GPU task is configured."""
    if not (settings.gpu_enabled and settings.ecs_cluster and settings.ecs_task_definition):
        return None
    from ichseg.adapters.ecs import EcsTaskLauncher

    return EcsTaskLauncher(
        boto_client("ecs"),
        cluster=settings.ecs_cluster,
        task_definition=settings.ecs_task_definition,
        container_name=settings.ecs_container_name,
        capacity_provider=settings.ecs_capacity_provider,
        subnets=settings.ecs_subnets,
        security_groups=settings.ecs_security_groups,
    )


def segmenter_loader(settings: CloudSettings) -> Any:
    """A function that loads the segmenter ``settings`` name once, on first call."""

    @functools.cache
    def load() -> Segmenter:
        from ichseg.runtimes import load_segmenter

        return load_segmenter(settings)

    return load


def build_process_deps(
    settings: CloudSettings, *, index: ScanIndex | None = None, with_launcher: bool = True
) -> ProcessDeps:
    """Adapters for :func:`ichseg.cloud.process.process_upload`.

    Args:
        settings: Cloud settings.
        index: A scan index to use instead of Firestore.
        with_launcher: Whether large scans may be sent to the GPU task.
    """
    from ichseg.adapters.dynamodb import DynamoMarkerStore
    from ichseg.adapters.s3 import S3BlobStore

    s3 = boto_client("s3")
    return ProcessDeps(
        settings=settings,
        sources=lambda bucket: S3BlobStore(s3, bucket),
        results=S3BlobStore(s3, settings.results_bucket),
        index=index if index is not None else scan_index(settings),
        markers=DynamoMarkerStore(
            boto_client("dynamodb"), settings.markers_table, ttl_s=settings.marker_ttl_s
        ),
        launcher=task_launcher(settings) if with_launcher else None,
        segmenter=segmenter_loader(settings),
    )


def build_upload_deps(settings: CloudSettings, *, index: ScanIndex | None = None) -> UploadDeps:
    """Adapters for the upload API (token verification is built separately)."""
    from ichseg.adapters.s3 import S3BlobStore

    s3 = boto_client("s3")
    return UploadDeps(
        settings=settings,
        uploads=S3BlobStore(s3, settings.uploads_bucket),
        results=S3BlobStore(s3, settings.results_bucket),
        index=index if index is not None else scan_index(settings),
    )


def build_dead_letter_deps(
    settings: CloudSettings, *, index: ScanIndex | None = None
) -> DeadLetterDeps:
    """Adapters for :func:`ichseg.cloud.dead_letters.mark_dead_letter` (the scan index only)."""
    return DeadLetterDeps(index=index if index is not None else scan_index(settings))
