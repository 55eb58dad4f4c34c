"""API: the HTTP API (JWT-checked Firebase tokens) and the upload-API function."""

from __future__ import annotations

import json

import jsii
from aws_cdk import Duration
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_authorizers as authorizers
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra.config import InfraConfig
from infra.constructs.common import encrypted_logs
from infra.constructs.images import lambda_image
from infra.constructs.nag import PREFIX_REASON, XRAY_REASON, acknowledge, object_wildcard
from infra.constructs.processing import NO_VPC_REASON
from infra.constructs.secrets import Secrets
from infra.constructs.storage import Storage


@jsii.implements(apigwv2.IAccessLogSettings)
class _AccessLogs:
    """Access-log settings for a stage (JSON lines in the default format)."""

    def __init__(self, destination: apigwv2.IAccessLogDestination) -> None:
        self._destination = destination

    @property
    def destination(self) -> apigwv2.IAccessLogDestination:
        return self._destination

    @property
    def format(self) -> None:
        return None


class UploadApi(Construct):
    """``POST /uploads``, ``GET /scans``, ``POST /scans/{scan_id}/links``, and
    ``PATCH``/``DELETE /scans/{scan_id}`` (rename; delete with every object version).

    API Gateway checks the Firebase JWT (issuer and audience) before the function runs; the
    function verifies it again with firebase-admin (signature, revocation).

    Attributes:
        api: The HTTP API.
        function: The upload-API function.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: InfraConfig,
        storage: Storage,
        secrets: Secrets,
    ) -> None:
        super().__init__(scope, construct_id)
        log_group = encrypted_logs(self, "Logs", storage.key)
        self.function = lambda_.DockerImageFunction(
            self,
            "UploadApi",
            code=lambda_image(
                "functions/Dockerfile",
                ["functions.upload_api.handler.lambda_handler"],
                config.base_images.lambda_,
            ),
            description="ichseg: presigned uploads, scan list, link renewal, rename, delete",
            memory_size=512,
            timeout=Duration.seconds(15),
            reserved_concurrent_executions=config.api_reserved_concurrency,
            environment={
                "ICHSEG_UPLOADS_BUCKET": storage.uploads.bucket_name,
                "ICHSEG_RESULTS_BUCKET": storage.results.bucket_name,
                "ICHSEG_MAX_UPLOAD_BYTES": str(config.max_upload_bytes),
                "ICHSEG_MAX_SCANS_PER_DAY": str(config.max_scans_per_day),
                "ICHSEG_MAX_BYTES_IN_FLIGHT": str(config.max_bytes_in_flight),
                "ICHSEG_IN_FLIGHT_WINDOW_S": str(
                    max(6 * 3600, config.gpu_task_timeout_s + 2 * config.segment_timeout_s)
                ),
                "ICHSEG_UPLOAD_SUFFIXES": json.dumps(config.upload_suffixes),
                "ICHSEG_LINK_TTL_S": str(config.link_ttl_s),
                "ICHSEG_FIREBASE_PROJECT_ID": config.firebase_project_id,
                **secrets.environment(),
                "POWERTOOLS_SERVICE_NAME": "ichseg-upload-api",
            },
            log_group=log_group,
            tracing=lambda_.Tracing.ACTIVE,
        )
        # Presigned forms and links carry the function's authority: allow exactly these.
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                sid="SignUploads",
                actions=["s3:PutObject"],
                resources=[storage.uploads.arn_for_objects("uploads/*")],
            )
        )
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                sid="SignResultLinks",
                actions=["s3:GetObject"],
                resources=[storage.results.arn_for_objects("results/*")],
            )
        )
        # Deleting a scan removes every version of its upload and results, and nothing else.
        for sid, bucket, prefix in (
            ("DeleteUploads", storage.uploads, "uploads/"),
            ("DeleteResults", storage.results, "results/"),
        ):
            self.function.add_to_role_policy(
                iam.PolicyStatement(
                    sid=sid,
                    actions=["s3:DeleteObject", "s3:DeleteObjectVersion"],
                    resources=[bucket.arn_for_objects(f"{prefix}*")],
                )
            )
            self.function.add_to_role_policy(
                iam.PolicyStatement(
                    sid=f"ListVersionsOf{sid.removeprefix('Delete')}",
                    actions=["s3:ListBucketVersions"],
                    resources=[bucket.bucket_arn],
                    conditions={"StringLike": {"s3:prefix": [f"{prefix}*"]}},
                )
            )
        storage.grant_key_use(self.function)
        secrets.grant_read(self.function)
        acknowledge(
            self.function,
            {
                "HIPAA.Security::HIPAA.Security-LambdaInsideVPC": NO_VPC_REASON,
                object_wildcard(storage.uploads, "uploads/"): PREFIX_REASON,
                object_wildcard(storage.results, "results/"): PREFIX_REASON,
                "AwsSolutions::AwsSolutions-IAM5[Resource::*]": XRAY_REASON,
                "HIPAA.Security::HIPAA.Security-LambdaDLQ": (
                    "Invoked synchronously by API Gateway; the caller sees the error, there "
                    "is no event to keep."
                ),
            },
        )

        self.api = apigwv2.HttpApi(
            self,
            "HttpApi",
            description="ichseg upload API",
            create_default_stage=False,
            cors_preflight=apigwv2.CorsPreflightOptions(
                allow_origins=[config.app_origin],
                allow_methods=[
                    apigwv2.CorsHttpMethod.GET,
                    apigwv2.CorsHttpMethod.POST,
                    apigwv2.CorsHttpMethod.PATCH,
                    apigwv2.CorsHttpMethod.DELETE,
                    apigwv2.CorsHttpMethod.OPTIONS,
                ],
                allow_headers=["authorization", "content-type"],
                max_age=Duration.hours(1),
            ),
        )
        access_logs = encrypted_logs(self, "AccessLogs", storage.key)
        self.stage = apigwv2.HttpStage(
            self,
            "DefaultStage",
            http_api=self.api,
            stage_name="$default",
            auto_deploy=True,
            throttle=apigwv2.ThrottleSettings(rate_limit=20, burst_limit=40),
            access_log_settings=_AccessLogs(apigwv2.LogGroupLogDestination(access_logs)),
        )
        project = config.firebase_project_id
        authorizer = authorizers.HttpJwtAuthorizer(
            "FirebaseJwt",
            f"https://securetoken.google.com/{project}",
            jwt_audience=[project],
        )
        integration = integrations.HttpLambdaIntegration("UploadApiIntegration", self.function)
        for path, method in (
            ("/uploads", apigwv2.HttpMethod.POST),
            ("/scans", apigwv2.HttpMethod.GET),
            ("/scans/{scan_id}/links", apigwv2.HttpMethod.POST),
            ("/scans/{scan_id}", apigwv2.HttpMethod.PATCH),
            ("/scans/{scan_id}", apigwv2.HttpMethod.DELETE),
        ):
            self.api.add_routes(
                path=path, methods=[method], integration=integration, authorizer=authorizer
            )

    @property
    def url(self) -> str:
        """The API's base URL."""
        return self.stage.url
