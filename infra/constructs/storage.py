"""Storage: upload and results buckets, their access-log bucket, and the data key."""

from __future__ import annotations

from aws_cdk import Aws, Duration, RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from infra.config import InfraConfig
from infra.constructs.nag import acknowledge

REPLICATION_REASON = (
    "Single-region deployment; cross-region replication needs a second region and is a "
    "deployment decision, recoverability comes from versioning and retention."
)


class Storage(Construct):
    """Two private, KMS-encrypted, versioned buckets with SSL enforced and access logs.

    Attributes:
        key: Customer-managed KMS key for buckets, table, queues, logs and secrets.
        uploads: Receives ``uploads/{uid}/{scan_id}/{file}`` from presigned POSTs.
        results: Holds ``results/{uid}/{scan_id}/...`` written by the pipeline.
        access_logs: Server access logs of both buckets.
        markers: Idempotency markers, one per object version and runner.
    """

    def __init__(self, scope: Construct, construct_id: str, *, config: InfraConfig) -> None:
        super().__init__(scope, construct_id)
        self.key = kms.Key(
            self,
            "DataKey",
            description="ichseg scans, results, queues and logs",
            enable_key_rotation=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.key.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal(f"logs.{Aws.REGION}.amazonaws.com")],
                actions=[
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*",
                ],
                resources=["*"],
                conditions={
                    "ArnLike": {
                        "kms:EncryptionContext:aws:logs:arn": (
                            f"arn:{Aws.PARTITION}:logs:{Aws.REGION}:{Aws.ACCOUNT_ID}:*"
                        )
                    }
                },
            )
        )
        self.access_logs = s3.Bucket(
            self,
            "AccessLogs",
            # S3 server access logs can only be delivered to SSE-S3 buckets.
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            versioned=True,
            lifecycle_rules=[
                s3.LifecycleRule(
                    expiration=Duration.days(365),
                    noncurrent_version_expiration=Duration.days(30),
                )
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            self.access_logs,
            {
                "AwsSolutions::AwsSolutions-S1": "This is the access-log bucket itself.",
                "HIPAA.Security::HIPAA.Security-S3BucketLoggingEnabled": (
                    "This is the access-log bucket itself."
                ),
                "HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS": (
                    "S3 server access logs are delivered only to SSE-S3 encrypted buckets."
                ),
                "HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled": REPLICATION_REASON,
            },
        )
        self.uploads = self._bucket(
            "Uploads",
            prefix="uploads/",
            days=config.uploads_retention_days,
            cors=s3.CorsRule(
                allowed_methods=[s3.HttpMethods.POST],
                allowed_origins=[config.app_origin],
                allowed_headers=["*"],
                max_age=3000,
            ),
        )
        self.results = self._bucket(
            "Results",
            prefix="results/",
            days=config.results_retention_days,
            cors=s3.CorsRule(
                allowed_methods=[s3.HttpMethods.GET, s3.HttpMethods.HEAD],
                allowed_origins=[config.app_origin],
                allowed_headers=["*"],
                exposed_headers=["Content-Length", "Content-Type", "ETag"],
                max_age=3000,
            ),
        )

        self.markers = dynamodb.Table(
            self,
            "Markers",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED,
            encryption_key=self.key,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            time_to_live_attribute="expires_at",
            removal_policy=RemovalPolicy.DESTROY,
        )
        acknowledge(
            self.markers,
            {
                "HIPAA.Security::HIPAA.Security-DynamoDBInBackupPlan": (
                    "Short-lived idempotency markers with a TTL; losing them only allows a "
                    "duplicate event to be processed again. Point-in-time recovery is on."
                ),
            },
        )

    def grant_pipeline(self, grantee: iam.IGrantable) -> None:
        """Least privilege for the segmenters: read uploads, read/write results, markers.

        No deletes, no other prefixes, no other buckets.
        """
        grantee.grant_principal.add_to_principal_policy(
            iam.PolicyStatement(
                sid="ReadUploads",
                actions=["s3:GetObject", "s3:GetObjectVersion"],
                resources=[self.uploads.arn_for_objects("uploads/*")],
            )
        )
        grantee.grant_principal.add_to_principal_policy(
            iam.PolicyStatement(
                sid="ReadWriteResults",
                actions=["s3:GetObject", "s3:PutObject"],
                resources=[self.results.arn_for_objects("results/*")],
            )
        )
        grantee.grant_principal.add_to_principal_policy(
            iam.PolicyStatement(
                sid="ListResults",  # so a missing report is a 404, not a 403
                actions=["s3:ListBucket"],
                resources=[self.results.bucket_arn],
                conditions={"StringLike": {"s3:prefix": ["results/*"]}},
            )
        )
        grantee.grant_principal.add_to_principal_policy(
            iam.PolicyStatement(
                sid="Markers",
                actions=[
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:DeleteItem",
                ],
                resources=[self.markers.table_arn],
            )
        )
        self.grant_key_use(grantee)

    def grant_key_use(self, grantee: iam.IGrantable) -> None:
        """Encrypt and decrypt with the data key (SSE-KMS objects, table, secret)."""
        grantee.grant_principal.add_to_principal_policy(
            iam.PolicyStatement(
                sid="DataKey",
                actions=["kms:Decrypt", "kms:GenerateDataKey"],
                resources=[self.key.key_arn],
            )
        )

    def _bucket(self, name: str, *, prefix: str, days: int, cors: s3.CorsRule) -> s3.Bucket:
        bucket = s3.Bucket(
            self,
            name,
            encryption=s3.BucketEncryption.KMS,
            encryption_key=self.key,
            bucket_key_enabled=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            versioned=True,
            server_access_logs_bucket=self.access_logs,
            server_access_logs_prefix=f"{name.lower()}/",
            cors=[cors],
            lifecycle_rules=[
                s3.LifecycleRule(
                    prefix=prefix,
                    expiration=Duration.days(days),
                    noncurrent_version_expiration=Duration.days(7),
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            bucket,
            {"HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled": REPLICATION_REASON},
        )
        return bucket
