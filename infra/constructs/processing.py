"""Processing: the segment function (container image), its S3 trigger, DLQ and retries."""

from __future__ import annotations

from aws_cdk import Duration, Size
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from constructs import Construct

from infra.config import InfraConfig
from infra.constructs.common import dead_letter_queue, encrypted_logs
from infra.constructs.gpu import CONTAINER_NAME, GpuTask
from infra.constructs.images import lambda_image
from infra.constructs.nag import PREFIX_REASON, XRAY_REASON, acknowledge, object_wildcard
from infra.constructs.secrets import Secrets
from infra.constructs.storage import Storage

NO_VPC_REASON = (
    "The function reaches only public endpoints (S3, DynamoDB, ECS, Secrets Manager and "
    "Firestore on Google) and no VPC resource; a VPC would add a NAT path and nothing else."
)


def pipeline_environment(
    config: InfraConfig, storage: Storage, secrets: Secrets, timeout_s: int
) -> dict[str, str]:
    """``ICHSEG_*`` settings shared by the segment function and the GPU task."""
    return {
        "ICHSEG_RESULTS_BUCKET": storage.results.bucket_name,
        "ICHSEG_UPLOADS_BUCKET": storage.uploads.bucket_name,
        "ICHSEG_MARKERS_TABLE": storage.markers.table_name,
        "ICHSEG_LEASE_S": str(timeout_s + 60),
        "ICHSEG_LAMBDA_MAX_BYTES": str(config.lambda_max_bytes),
        "ICHSEG_LAMBDA_MAX_SLICES": str(config.lambda_max_slices),
        "ICHSEG_MAX_UPLOAD_BYTES": str(config.max_upload_bytes),
        "ICHSEG_LINK_TTL_S": str(config.link_ttl_s),
        "ICHSEG_FIREBASE_PROJECT_ID": config.firebase_project_id,
        **secrets.environment(),
    }


DEAD_LETTER_TIMEOUT_S = 30
#: An upload event that fails is retried this often, then goes to the dead-letter queue.
RETRY_ATTEMPTS = 2
#: Hours an upload event may wait (throttled, retried) before it goes to the dead-letter queue.
MAX_EVENT_AGE_H = 6


class Processing(Construct):
    """S3 ``ObjectCreated`` under ``uploads/`` -> segment function -> results; failures -> DLQ.

    Attributes:
        function: The segment function.
        target: What the uploads invoke: the function, or with provisioned concurrency its
            ``live`` alias (the published version whose environments are kept initialised).
        dlq: Events that failed every retry (poison events).
        dead_letter: Consumes the DLQ and marks those scans ``failed`` for their users
            (each event is logged, and counted by the ``DeadLettersSent`` alarm).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: InfraConfig,
        storage: Storage,
        secrets: Secrets,
        gpu: GpuTask,
    ) -> None:
        super().__init__(scope, construct_id)
        self.dlq = dead_letter_queue(
            self,
            storage.key,
            "This queue is the dead-letter queue.",
            # Six times the consumer's timeout, as Lambda advises for SQS event sources.
            visibility_timeout=Duration.seconds(6 * DEAD_LETTER_TIMEOUT_S),
        )
        log_group = encrypted_logs(self, "Logs", storage.key)
        timeout_s = config.segment_timeout_s
        env = pipeline_environment(config, storage, secrets, timeout_s)
        env.update(
            {
                "ICHSEG_GPU_ENABLED": "true",
                "ICHSEG_ECS_CLUSTER": gpu.cluster.cluster_arn,
                "ICHSEG_ECS_TASK_DEFINITION": gpu.task_definition.task_definition_arn,
                "ICHSEG_ECS_CONTAINER_NAME": CONTAINER_NAME,
                "ICHSEG_ECS_CAPACITY_PROVIDER": gpu.capacity_provider.capacity_provider_name,
                "ICHSEG_ECS_SUBNETS": gpu.json_list(gpu.private_subnet_ids),
                "ICHSEG_ECS_SECURITY_GROUPS": gpu.json_list([gpu.security_group.security_group_id]),
                "POWERTOOLS_SERVICE_NAME": "ichseg-segment",
            }
        )
        self.function = lambda_.DockerImageFunction(
            self,
            "Segment",
            code=lambda_image(
                "functions/Dockerfile",
                ["functions.segment.handler.lambda_handler"],
                config.base_images.lambda_,
            ),
            description="ichseg: segment an uploaded scan or hand it to the GPU task",
            memory_size=config.segment_memory_mb,
            ephemeral_storage_size=Size.mebibytes(4096),
            timeout=Duration.seconds(timeout_s),
            reserved_concurrent_executions=config.segment_reserved_concurrency,
            environment=env,
            log_group=log_group,
            tracing=lambda_.Tracing.ACTIVE,
            retry_attempts=RETRY_ATTEMPTS,
            max_event_age=Duration.hours(MAX_EVENT_AGE_H),
            dead_letter_queue=self.dlq,
        )
        storage.grant_pipeline(self.function)
        secrets.grant_read(self.function)
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                sid="StartGpuTask",
                actions=["ecs:RunTask"],
                resources=[gpu.task_definition.task_definition_arn],
                conditions={"ArnEquals": {"ecs:cluster": gpu.cluster.cluster_arn}},
            )
        )
        pass_roles = [gpu.task_definition.task_role.role_arn]
        if gpu.task_definition.execution_role is not None:
            pass_roles.append(gpu.task_definition.execution_role.role_arn)
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                sid="PassGpuTaskRoles",
                actions=["iam:PassRole"],
                resources=pass_roles,
                conditions={"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}},
            )
        )
        self.target: lambda_.IFunction = self.function
        if config.segment_provisioned_concurrency:
            # Provisioned concurrency lives on a published version; the alias gets the same
            # retries and event age (asynchronous invoke settings are per qualifier), and the
            # DLQ is part of the version's configuration.
            self.target = lambda_.Alias(
                self,
                "Live",
                alias_name="live",
                version=self.function.current_version,
                provisioned_concurrent_executions=config.segment_provisioned_concurrency,
                retry_attempts=RETRY_ATTEMPTS,
                max_event_age=Duration.hours(MAX_EVENT_AGE_H),
            )
        for suffix in config.upload_suffixes:
            storage.uploads.add_event_notification(
                s3.EventType.OBJECT_CREATED,
                s3n.LambdaDestination(self.target),
                s3.NotificationKeyFilter(prefix="uploads/", suffix=suffix),
            )
        acknowledge(
            self.function,
            {
                "HIPAA.Security::HIPAA.Security-LambdaInsideVPC": NO_VPC_REASON,
                object_wildcard(storage.uploads, "uploads/"): PREFIX_REASON,
                object_wildcard(storage.results, "results/"): PREFIX_REASON,
                "AwsSolutions::AwsSolutions-IAM5[Resource::*]": XRAY_REASON,
                "AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]": (
                    "CDK's grant to send to the KMS-encrypted dead-letter queue; scoped to "
                    "the one data key."
                ),
                "AwsSolutions::AwsSolutions-IAM5[Action::kms:ReEncrypt*]": (
                    "CDK's grant to send to the KMS-encrypted dead-letter queue; scoped to "
                    "the one data key."
                ),
            },
        )
        self.dead_letter = self._dead_letter_consumer(config, storage, secrets)

    def _dead_letter_consumer(
        self, config: InfraConfig, storage: Storage, secrets: Secrets
    ) -> lambda_.DockerImageFunction:
        """The DLQ consumer: same image, its own CMD; reads the queue and the secret only."""
        log_group = encrypted_logs(self, "DeadLetterLogs", storage.key)
        function = lambda_.DockerImageFunction(
            self,
            "DeadLetter",
            code=lambda_image(
                "functions/Dockerfile",
                ["functions.dead_letter.handler.lambda_handler"],
                config.base_images.lambda_,
            ),
            description="ichseg: mark scans whose upload event failed every retry as failed",
            memory_size=512,
            timeout=Duration.seconds(DEAD_LETTER_TIMEOUT_S),
            reserved_concurrent_executions=2,
            environment={
                "ICHSEG_FIREBASE_PROJECT_ID": config.firebase_project_id,
                **secrets.environment(),
                "POWERTOOLS_SERVICE_NAME": "ichseg-dead-letter",
            },
            log_group=log_group,
            tracing=lambda_.Tracing.ACTIVE,
        )
        # The event source grants receive/delete/attributes on this queue and kms:Decrypt.
        function.add_event_source(
            event_sources.SqsEventSource(
                self.dlq,
                batch_size=10,
                max_batching_window=Duration.seconds(5),
                max_concurrency=2,
                report_batch_item_failures=True,
            )
        )
        secrets.grant_read(function)
        acknowledge(
            function,
            {
                "HIPAA.Security::HIPAA.Security-LambdaInsideVPC": NO_VPC_REASON,
                "AwsSolutions::AwsSolutions-IAM5[Resource::*]": XRAY_REASON,
                "HIPAA.Security::HIPAA.Security-LambdaDLQ": (
                    "Invoked by an SQS event source, not asynchronously: a message that "
                    "fails stays in its queue and is delivered again; there is no event "
                    "for a DLQ to keep."
                ),
            },
        )
        return function
