"""Deployment settings, read from CDK context (``cdk.json`` or ``-c key=value``)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ichseg.formats import upload_suffixes
from ichseg.settings import MAX_UPLOAD_BYTES

CONTEXT_KEY = "ichseg"


#: ``image[:tag]@sha256:<64 hex>``: a base image pinned by content, not by a movable tag.
DIGEST_REF = re.compile(r"[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}")
#: The digest cdk.json ships with until someone with registry access fills in the real one.
UNFILLED_DIGEST = "sha256:" + "0" * 64


class BaseImages(BaseModel):
    """Base images of the two container images, each pinned by digest.

    Attributes:
        lambda_: The AWS Lambda Python 3.12 base (``public.ecr.aws/lambda/python:3.12@...``).
        gpu: A plain Python 3.11 image for the GPU task (``python:3.11-slim-bookworm@...``).
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    lambda_: str = Field("public.ecr.aws/lambda/python:3.12@" + UNFILLED_DIGEST, alias="lambda")
    gpu: str = "python:3.11-slim-bookworm@" + UNFILLED_DIGEST

    @field_validator("lambda_", "gpu")
    @classmethod
    def _by_digest(cls, value: str) -> str:
        if not DIGEST_REF.fullmatch(value):
            raise ValueError(f"base image {value!r} must be pinned as image[:tag]@sha256:<digest>")
        return value

    @property
    def unfilled(self) -> list[str]:
        """The images still carrying the placeholder digest."""
        return [v for v in (self.lambda_, self.gpu) if v.endswith(UNFILLED_DIGEST)]


class InfraConfig(BaseModel):
    """Everything a deployment may tune; defaults make a working development stack.

    Attributes:
        stack_name: CloudFormation stack name.
        app_origin: Origin of the web app (CORS on the buckets and the HTTP API).
        firebase_project_id: Firebase project whose ID tokens the API accepts and whose
            Firestore holds the scan index.
        upload_suffixes: Upload file endings that trigger processing (S3 filters are
            case-sensitive; the upload API lowercases endings); by default those of the
            format registry, :func:`ichseg.formats.upload_suffixes`.
        lambda_max_bytes: Largest upload segmented in Lambda; larger ones go to the GPU task.
        lambda_max_slices: Most slices segmented in Lambda.
        max_upload_bytes: Largest upload accepted.
        link_ttl_s: Lifetime of presigned download links.
        max_scans_per_day: Upload forms one user may get in 24 hours (429 past it).
        max_bytes_in_flight: Declared bytes of one user's uploads not yet processed (429
            past it); at least ``max_upload_bytes``.
        segment_memory_mb: Segment function memory.
        segment_timeout_s: Segment function timeout.
        segment_reserved_concurrency: Most concurrent segment functions.
        segment_provisioned_concurrency: Segment environments Lambda keeps initialised
            ahead of traffic (0: none, the default). Each one has imported the SDKs, built
            the clients, loaded the model and run it once, so an upload that lands on it
            skips the cold start (about 2.5 s on a 2-core AVX2 CPU before the first slice);
            each is billed for every hour it is configured, used or not. Uploads then go to
            the function's ``live`` alias.
        api_reserved_concurrency: Most concurrent upload-API functions.
        uploads_retention_days: Days before uploads expire.
        results_retention_days: Days before results expire.
        gpu_instance_type: EC2 type of the GPU capacity.
        gpu_max_instances: Most GPU instances at once.
        gpu_memory_mib: Memory reserved for the GPU task.
        gpu_batch_size: Slices per inference call in the GPU task.
        gpu_max_batch_pixels: Most model-input pixels per call in the GPU task (16
            slices at 512x512 by default; not measured on a GPU: on the CPU, 8 slices of
            model 1.1.0 peaked at 3.7 GB, and a g5 has 24 GB). The Lambda keeps the
            one-slice default.
        gpu_task_timeout_s: Age after which an unfinished GPU task (hung, or never placed)
            is stopped and its scan marked failed; also the GPU task's lease.
        gpu_allow_cpu: Let the GPU task segment on the CPU when CUDA does not load (off:
            such a task fails the scan with that reason, so a broken image is seen).
        alarm_email: Optional address subscribed to the alarm topic.
        google_wif_audience: The Google workload identity pool provider that trusts this
            AWS account (``//iam.googleapis.com/projects/<number>/locations/global/
            workloadIdentityPools/<pool>/providers/<provider>``); with it, no key exists.
        google_service_account: The service account the federated roles impersonate.
        firebase_key_secret: Create the Secrets Manager secret for a service-account key
            (the fallback). Default: only when ``google_wif_audience`` is not set.
        base_images: The images' base images, pinned by digest (see :class:`BaseImages`).
        firebase_web_config: The Firebase web app config (``apiKey``, ``appId``...) written to
            the site's ``config.json``; ``projectId`` and ``authDomain`` default from
            ``firebase_project_id``. Public values by design (they identify, not authorize).
        site_price_class: CloudFront price class of the site (``PriceClass_100``, ``_200``,
            ``_All``).
        site_domain_names: Optional custom domain names of the site (DNS records are yours
            to add); with them ``app_origin`` defaults to ``https://<first name>``.
        site_certificate_arn: ACM certificate (us-east-1) for ``site_domain_names``; the
            viewer policy is then TLSv1.2_2021.
    """

    model_config = ConfigDict(extra="forbid")

    stack_name: str = "Ichseg"
    app_origin: str = "http://localhost:8765"
    firebase_project_id: str = "ichseg-dev"
    upload_suffixes: list[str] = Field(default_factory=lambda: list(upload_suffixes()))
    lambda_max_bytes: int = 256 * 1024 * 1024
    lambda_max_slices: int = 300
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    link_ttl_s: int = 3600
    max_scans_per_day: int = Field(50, gt=0)
    max_bytes_in_flight: int = Field(4096 * 1024 * 1024, gt=0)
    segment_memory_mb: int = 3008
    segment_timeout_s: int = 600
    segment_reserved_concurrency: int = 10
    segment_provisioned_concurrency: int = Field(0, ge=0)
    api_reserved_concurrency: int = 5
    uploads_retention_days: int = 30
    results_retention_days: int = 90
    gpu_instance_type: str = "g5.xlarge"
    gpu_max_instances: int = 2
    gpu_memory_mib: int = 14000
    gpu_batch_size: int = Field(16, gt=0)
    gpu_max_batch_pixels: int = Field(16 * 512 * 512, gt=0)
    gpu_task_timeout_s: int = Field(3600, ge=600, le=24 * 3600)
    gpu_allow_cpu: bool = False
    alarm_email: str = ""
    google_wif_audience: str = ""
    google_service_account: str = ""
    firebase_key_secret: bool | None = None
    base_images: BaseImages = Field(default_factory=BaseImages)
    firebase_web_config: dict[str, str] = Field(default_factory=dict)
    site_price_class: Literal["PriceClass_100", "PriceClass_200", "PriceClass_All"] = (
        "PriceClass_100"
    )
    site_domain_names: list[str] = Field(default_factory=list)
    site_certificate_arn: str = ""

    @field_validator("upload_suffixes")
    @classmethod
    def _no_overlap(cls, value: list[str]) -> list[str]:
        for a in value:
            for b in value:
                if a != b and a.endswith(b):
                    raise ValueError(f"S3 refuses overlapping suffix filters: {a!r}, {b!r}")
        return value

    @field_validator("app_origin")
    @classmethod
    def _origin(cls, value: str) -> str:
        if not value.startswith(("https://", "http://localhost", "http://127.0.0.1")):
            raise ValueError("app_origin must be https:// (or http://localhost for development)")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _one_firebase_project(self) -> InfraConfig:
        web_project = self.firebase_web_config.get("projectId", self.firebase_project_id)
        if web_project != self.firebase_project_id:
            raise ValueError(
                f"firebase_web_config.projectId {web_project!r} differs from "
                f"firebase_project_id {self.firebase_project_id!r} (the API's token audience)"
            )
        return self

    @model_validator(mode="after")
    def _provisioned_within_reserved(self) -> InfraConfig:
        if self.segment_provisioned_concurrency > self.segment_reserved_concurrency:
            raise ValueError(
                "segment_provisioned_concurrency must not exceed segment_reserved_concurrency"
            )
        return self

    @model_validator(mode="after")
    def _in_flight_fits_one_upload(self) -> InfraConfig:
        if self.max_bytes_in_flight < self.max_upload_bytes:
            raise ValueError("max_bytes_in_flight must be at least max_upload_bytes")
        return self

    @model_validator(mode="after")
    def _site_domain(self) -> InfraConfig:
        if bool(self.site_domain_names) != bool(self.site_certificate_arn):
            raise ValueError("site_domain_names and site_certificate_arn go together")
        if self.site_certificate_arn and not re.fullmatch(
            r"arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate/[0-9a-f-]+", self.site_certificate_arn
        ):
            raise ValueError("site_certificate_arn must be an ACM certificate in us-east-1")
        if self.site_domain_names and "app_origin" not in self.model_fields_set:
            self.app_origin = f"https://{self.site_domain_names[0]}"
        return self

    @field_validator("google_wif_audience")
    @classmethod
    def _audience(cls, value: str) -> str:
        if value and not re.fullmatch(
            r"//iam\.googleapis\.com/projects/\d+/locations/global/workloadIdentityPools/"
            r"[a-z0-9-]+/providers/[a-z0-9-]+",
            value,
        ):
            raise ValueError(
                "google_wif_audience must be //iam.googleapis.com/projects/<number>/locations/"
                "global/workloadIdentityPools/<pool>/providers/<provider>"
            )
        return value

    @property
    def uses_key_secret(self) -> bool:
        """Whether the service-account key secret exists (opt-in once federation is set)."""
        if self.firebase_key_secret is None:
            return not self.google_wif_audience
        return self.firebase_key_secret

    @property
    def firebase_web(self) -> dict[str, str]:
        """The Firebase web config for the site, with project id and auth domain filled in."""
        return {
            "projectId": self.firebase_project_id,
            "authDomain": f"{self.firebase_project_id}.firebaseapp.com",
            **self.firebase_web_config,
        }

    @classmethod
    def from_context(cls, context: Any) -> InfraConfig:
        """Build from the ``ichseg`` context object (a dict, or a JSON string from ``-c``)."""
        import json

        if context is None:
            return cls()
        if isinstance(context, str):
            context = json.loads(context)
        return cls.model_validate(context)
