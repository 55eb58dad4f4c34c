"""GPU-job watcher: ECS task-state events and a schedule -> stopped GPU tasks fail their scans."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from ichseg.cloud.telemetry import GPU_TASK_FAILURES, METRICS_NAMESPACE
from ichseg.ports import STARTED_BY
from infra.config import InfraConfig
from infra.constructs.common import dead_letter_queue, encrypted_logs
from infra.constructs.gpu import GpuTask
from infra.constructs.images import lambda_image
from infra.constructs.nag import acknowledge
from infra.constructs.processing import NO_VPC_REASON
from infra.constructs.secrets import Secrets
from infra.constructs.storage import Storage

SERVICE = "ichseg-gpu-watch"
SWEEP_EVERY = Duration.minutes(10)
HANDLER = "functions.gpu_watch.handler.lambda_handler"


class GpuWatch(Construct):
    """Marks scans of GPU tasks that end without a result ``failed``; stops overdue tasks.

    Attributes:
        function: The watcher (same image as the segment function, its own CMD).
        task_stopped: EventBridge rule: *ECS Task State Change*, ``STOPPED``, tasks the
            segment function started in this cluster.
        sweep: EventBridge schedule that stops tasks older than ``gpu_task_timeout_s``.
        dlq: Watcher invocations that failed every retry.
        failures: The ``GpuTaskFailures`` metric the watcher emits (alarmed in monitoring).
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
            "This queue is the watcher's dead-letter queue.",
        )
        log_group = encrypted_logs(self, "Logs", storage.key)
        self.function = lambda_.DockerImageFunction(
            self,
            "Watch",
            code=lambda_image("functions/Dockerfile", [HANDLER], config.base_images.lambda_),
            description="ichseg: GPU tasks that stop without a result fail their scans",
            memory_size=512,
            timeout=Duration.seconds(60),
            reserved_concurrent_executions=2,
            environment={
                "ICHSEG_ECS_CLUSTER": gpu.cluster.cluster_arn,
                "ICHSEG_GPU_TASK_TIMEOUT_S": str(config.gpu_task_timeout_s),
                "ICHSEG_FIREBASE_PROJECT_ID": config.firebase_project_id,
                **secrets.environment(),
                "POWERTOOLS_SERVICE_NAME": SERVICE,
                "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
            },
            log_group=log_group,
            tracing=lambda_.Tracing.ACTIVE,
            retry_attempts=2,
            max_event_age=Duration.hours(6),
            dead_letter_queue=self.dlq,
        )
        secrets.grant_read(self.function)
        in_cluster = {"ArnEquals": {"ecs:cluster": gpu.cluster.cluster_arn}}
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                sid="WatchGpuTasks",
                actions=["ecs:ListTasks", "ecs:DescribeTasks", "ecs:StopTask"],
                resources=["*"],
                conditions=in_cluster,
            )
        )
        target = targets.LambdaFunction(
            self.function, retry_attempts=8, max_event_age=Duration.hours(6)
        )
        self.task_stopped = events.Rule(
            self,
            "TaskStopped",
            description="ichseg GPU tasks that stopped (the watcher decides whether they failed)",
            event_pattern=events.EventPattern(
                source=["aws.ecs"],
                detail_type=["ECS Task State Change"],
                detail={
                    "clusterArn": [gpu.cluster.cluster_arn],
                    "lastStatus": ["STOPPED"],
                    "startedBy": [STARTED_BY],
                },
            ),
            targets=[target],
        )
        self.sweep = events.Rule(
            self,
            "Sweep",
            description="ichseg: stop GPU tasks older than the task timeout",
            schedule=events.Schedule.rate(SWEEP_EVERY),
            targets=[target],
        )
        self.failures = self.metric_failures()
        acknowledge(
            self.function,
            {
                "HIPAA.Security::HIPAA.Security-LambdaInsideVPC": NO_VPC_REASON,
                "AwsSolutions::AwsSolutions-IAM5[Resource::*]": (
                    "X-Ray PutTraceSegments/PutTelemetryRecords only accept Resource '*'; "
                    "ecs:ListTasks/DescribeTasks/StopTask are limited to the GPU cluster by "
                    "the ecs:cluster condition (task ARNs are not known in advance)."
                ),
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

    def metric_failures(self, period_s: int = 300) -> cloudwatch.Metric:
        """GPU tasks that stopped without a result, summed per ``period_s`` seconds."""
        return cloudwatch.Metric(
            namespace=METRICS_NAMESPACE,
            metric_name=GPU_TASK_FAILURES,
            dimensions_map={"service": SERVICE},
            statistic="Sum",
            period=Duration.seconds(period_s),
        )
