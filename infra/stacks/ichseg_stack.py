"""The ichseg stack: storage, secrets, GPU task, processing, API, monitoring, web site."""

from __future__ import annotations

from typing import Any

from aws_cdk import CfnOutput, Fn, Stack
from constructs import Construct

from infra.config import InfraConfig
from infra.constructs.api import UploadApi
from infra.constructs.gpu import GpuTask
from infra.constructs.gpu_watch import GpuWatch
from infra.constructs.monitoring import Monitoring
from infra.constructs.nag import acknowledge
from infra.constructs.processing import Processing, pipeline_environment
from infra.constructs.secrets import Secrets
from infra.constructs.site import Site
from infra.constructs.storage import Storage

LAMBDA_BASIC = (
    "AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
    "service-role/AWSLambdaBasicExecutionRole]"
)


class IchsegStack(Stack):
    """Upload -> segment (Lambda or GPU task) -> results -> Firestore, with its API."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: InfraConfig, **kwargs: Any
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.storage = Storage(self, "Storage", config=config)
        self.secrets = Secrets(self, "Secrets", key=self.storage.key, config=config)
        self.gpu = GpuTask(
            self,
            "Gpu",
            config=config,
            storage=self.storage,
            secrets=self.secrets,
            environment={
                **pipeline_environment(
                    config, self.storage, self.secrets, timeout_s=config.gpu_task_timeout_s
                ),
                "ICHSEG_BATCH_SIZE": str(config.gpu_batch_size),
                "ICHSEG_MAX_BATCH_PIXELS": str(config.gpu_max_batch_pixels),
                "ICHSEG_GPU_ALLOW_CPU": "true" if config.gpu_allow_cpu else "false",
            },
        )
        self.processing = Processing(
            self,
            "Processing",
            config=config,
            storage=self.storage,
            secrets=self.secrets,
            gpu=self.gpu,
        )
        self.gpu_watch = GpuWatch(
            self,
            "GpuWatch",
            config=config,
            storage=self.storage,
            secrets=self.secrets,
            gpu=self.gpu,
        )
        self.api = UploadApi(self, "Api", config=config, storage=self.storage, secrets=self.secrets)
        self.site = Site(self, "Site", config=config, storage=self.storage, api=self.api)
        self.monitoring = Monitoring(
            self,
            "Monitoring",
            config=config,
            key=self.storage.key,
            segment=self.processing.function,
            upload_api=self.api.function,
            dlq=self.processing.dlq,
            dead_letter=self.processing.dead_letter,
            gpu_watch=self.gpu_watch,
        )
        acknowledge(
            self,
            {
                "HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy": (
                    "CDK writes each role's least-privilege statements as a policy attached "
                    "to that one role; nothing is shared, so managed policies add nothing."
                ),
                LAMBDA_BASIC: (
                    "AWS-maintained policy that only lets a function write its own CloudWatch Logs."
                ),
            },
        )
        CfnOutput(self, "ApiUrl", value=self.api.url)
        CfnOutput(self, "SiteUrl", value=self.site.url)
        CfnOutput(self, "SiteBucket", value=self.site.bucket.bucket_name)
        CfnOutput(self, "SiteDistributionId", value=self.site.distribution.distribution_id)
        CfnOutput(self, "UploadsBucket", value=self.storage.uploads.bucket_name)
        CfnOutput(self, "ResultsBucket", value=self.storage.results.bucket_name)
        if self.secrets.firebase is not None:
            CfnOutput(self, "FirebaseSecretArn", value=self.secrets.firebase.secret_arn)
        # The roles Google's workload identity pool must trust (infra/README.md).
        CfnOutput(
            self,
            "GoogleFederatedRoleArns",
            value=Fn.join(",", self.federated_roles()),
            description="IAM roles that reach Firestore/Firebase Auth (Workload Identity)",
        )
        CfnOutput(self, "DeadLetterQueueUrl", value=self.processing.dlq.queue_url)

    def federated_roles(self) -> list[str]:
        """ARNs of the roles that call Google: the four functions and the GPU task."""
        functions = [
            self.processing.function,
            self.processing.dead_letter,
            self.api.function,
            self.gpu_watch.function,
        ]
        roles = [f.role.role_arn for f in functions if f.role is not None]
        return [*roles, self.gpu.task_definition.task_role.role_arn]
