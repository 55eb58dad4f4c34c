"""Typed settings for the cloud entry points (read from ``ICHSEG_*`` environment variables).

Settings are read when an entry point builds its dependencies, never at import; the one
exception is :class:`LambdaEnvironment`, which the segment handler reads at import because
its init phase is what it decides. The model, runtime, batching and upload limit are the
pipeline's (:class:`ichseg.settings.PipelineSettings`); accepted uploads come from the format
registry (:mod:`ichseg.formats`).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ichseg.formats import upload_content_types, upload_suffixes
from ichseg.settings import MIB, PipelineSettings

#: Content types a browser may send with an upload (checked by the presigned POST policy).
DEFAULT_CONTENT_TYPES = upload_content_types()

#: Upload file endings that trigger processing (lower case; S3 filters are case-sensitive).
DEFAULT_SUFFIXES = upload_suffixes()


class CloudSettings(PipelineSettings):
    """Settings shared by the segment Lambda, the GPU task and the upload API.

    Attributes:
        results_bucket: Bucket that receives ``results/{uid}/{scan_id}/...``.
        uploads_bucket: Bucket that receives ``uploads/{uid}/{scan_id}/{filename}``.
        markers_table: DynamoDB table holding one idempotency marker per object version.
        lease_s: How long a processing attempt holds its marker before a retry may take over
            (longer than the function timeout, so only a crashed attempt is overtaken).
        marker_ttl_s: How long finished markers are kept (DynamoDB TTL).
        lambda_max_bytes: Largest upload processed in Lambda; larger ones go to the GPU task.
        lambda_max_slices: Most slices processed in Lambda; more go to the GPU task.
        link_ttl_s: Lifetime of the presigned download links written to the scan index.
        upload_url_ttl_s: Lifetime of a presigned upload form.
        max_scans_per_day: Upload forms one user may get in 24 hours.
        max_bytes_in_flight: Declared bytes of one user's uploads not yet processed.
        in_flight_window_s: How long a ``queued``/``processing`` scan counts as in flight
            (a scan stuck longer is failed by the watchers and no longer holds the quota).
        quota_scan_window: Most scan documents read to count a user's quota.
        content_types: Content types an upload may declare.
        upload_suffixes: File endings that trigger processing (the S3 notification filters).
        work_dir: Scratch space (``/tmp`` in Lambda).
        gpu_enabled: Whether large scans may be sent to the GPU task.
        ecs_cluster: ECS cluster name or ARN for the GPU task.
        ecs_task_definition: Task definition family or ARN.
        ecs_container_name: Container that receives the overrides.
        ecs_capacity_provider: Capacity provider with GPU instances.
        ecs_subnets: Subnets for the task's network interface (awsvpc mode).
        ecs_security_groups: Security groups for the task's network interface.
        gpu_task_timeout_s: Age after which the GPU-job watcher stops an unfinished GPU task.
        gpu_allow_cpu: Let the GPU task segment on the CPU when CUDA does not load (off: the
            task refuses the scan with that reason).
        firebase_project_id: Firebase/GCP project that holds the scan index.
        google_wif_audience: Workload Identity Federation provider
            (``//iam.googleapis.com/projects/<n>/locations/global/workloadIdentityPools/<pool>/providers/<p>``);
            when set, Google is reached with the AWS role's identity, no key.
        google_service_account: Service account (e-mail) the federated identity impersonates.
        firebase_secret_id: Secrets Manager id of a Firebase service-account key: the
            opt-in fallback when Workload Identity Federation is not configured; empty with
            the emulators.
    """

    results_bucket: str = ""
    uploads_bucket: str = ""
    markers_table: str = ""
    lease_s: int = Field(default=960, gt=0)
    marker_ttl_s: int = Field(default=14 * 24 * 3600, gt=0)
    lambda_max_bytes: int = Field(default=256 * MIB, gt=0)
    lambda_max_slices: int = Field(default=300, gt=0)
    link_ttl_s: int = Field(default=3600, gt=0, le=7 * 24 * 3600)
    upload_url_ttl_s: int = Field(default=900, gt=0, le=7 * 24 * 3600)
    max_scans_per_day: int = Field(default=50, gt=0)
    max_bytes_in_flight: int = Field(default=4096 * MIB, gt=0)
    in_flight_window_s: int = Field(default=6 * 3600, gt=0)
    quota_scan_window: int = Field(default=500, gt=0)
    content_types: tuple[str, ...] = DEFAULT_CONTENT_TYPES
    upload_suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    work_dir: Path = Path("/tmp")
    gpu_enabled: bool = True
    ecs_cluster: str = ""
    ecs_task_definition: str = ""
    ecs_container_name: str = "segment"
    ecs_capacity_provider: str = ""
    ecs_subnets: list[str] = Field(default_factory=list)
    ecs_security_groups: list[str] = Field(default_factory=list)
    gpu_task_timeout_s: int = Field(default=3600, gt=0)
    gpu_allow_cpu: bool = False
    firebase_project_id: str = ""
    google_wif_audience: str = ""
    google_service_account: str = ""
    firebase_secret_id: str = ""


class LambdaEnvironment(BaseSettings):
    """What Lambda says about the execution environment a function runs in.

    Attributes:
        initialization_type: ``AWS_LAMBDA_INITIALIZATION_TYPE``: ``on-demand`` (the
            environment starts for an event that waits on it), ``provisioned-concurrency``
            (started ahead of traffic; its init has no 10 s limit) or ``snap-start``.
    """

    model_config = SettingsConfigDict(env_prefix="AWS_LAMBDA_", extra="ignore")

    initialization_type: str = "on-demand"

    @property
    def prepared_ahead(self) -> bool:
        """Whether no event waits on this environment's init (provisioned concurrency)."""
        return self.initialization_type == "provisioned-concurrency"
