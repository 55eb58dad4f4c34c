"""Site: the web app's static files in a private bucket, served by CloudFront (OAC).

Layout in the bucket (as ``docs/web.md`` "Cloud mode" asks): ``index.html`` and
``config.json`` at the root, ``ichseg/web/static/`` under ``static/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import Annotations, Duration, RemovalPolicy, Stack
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from infra.config import InfraConfig
from infra.constructs.api import UploadApi
from infra.constructs.common import encrypted_logs
from infra.constructs.nag import acknowledge, object_wildcard
from infra.constructs.storage import REPLICATION_REASON, Storage

STATIC_DIR = Path(__file__).resolve().parents[2] / "ichseg" / "web" / "static"

#: Firebase Auth (sign-in, token refresh) and Firestore (listen channel, reads): the hosts
#: the bundled SDK (static/vendor/firebase.js) calls.
FIREBASE_CONNECT = (
    "https://identitytoolkit.googleapis.com",
    "https://securetoken.googleapis.com",
    "https://firestore.googleapis.com",
)
#: reCAPTCHA, which Firebase phone sign-in loads (RecaptchaVerifier: api.js, or
#: enterprise.js when the project enables reCAPTCHA Enterprise) and shows in an iframe.
RECAPTCHA_SCRIPTS = ("https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/")
RECAPTCHA_FRAMES = ("https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/")

HSTS_MAX_AGE = Duration.days(730)

DEFAULT_CERTIFICATE_REASON = (
    "No custom domain: the distribution uses the default *.cloudfront.net certificate, whose "
    "viewer policy CloudFront fixes at TLSv1; TLSv1.2_2021 needs a custom domain with an ACM "
    "certificate in us-east-1 (site_domain_names + site_certificate_arn). HSTS and "
    "HTTP->HTTPS redirect are set."
)
DEPLOY_HANDLER_REASON = (
    "CDK's BucketDeployment handler: runs only when CloudFormation deploys the site files."
)


def _hosts(*buckets: s3.IBucket) -> list[str]:
    """HTTPS origins of buckets as presigned URLs name them (regional and global host).

    The upload API presigns with virtual-hosted addressing; botocore names the bucket's
    global host (``<bucket>.s3.amazonaws.com``), other clients the regional one.
    """
    out = []
    for bucket in buckets:
        out += [
            f"https://{bucket.bucket_regional_domain_name}",
            f"https://{bucket.bucket_domain_name}",
        ]
    return out


def content_security_policy(*, api_origin: str, uploads: s3.IBucket, results: s3.IBucket) -> str:
    """The site's Content-Security-Policy: exactly what the app loads and calls.

    Args:
        api_origin: Origin of the upload API (``https://<id>.execute-api.<region>...``).
        uploads: Bucket the browser POSTs the presigned form to (``connect-src``).
        results: Bucket of the presigned result links: videos (``media-src``), report and
            masks.zip (``connect-src``), images (``img-src``).

    Returns:
        The header value (may hold deploy-time tokens).
    """
    directives = {
        "default-src": ["'none'"],
        "script-src": ["'self'", *RECAPTCHA_SCRIPTS],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_hosts(results)],
        "media-src": ["'self'", *_hosts(results)],
        "connect-src": ["'self'", api_origin, *_hosts(uploads, results), *FIREBASE_CONNECT],
        "frame-src": list(RECAPTCHA_FRAMES),
        "font-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items()) + (
        "; upgrade-insecure-requests"
    )


class Site(Construct):
    """The static web app behind CloudFront, with its ``config.json`` written at deploy.

    Attributes:
        key: KMS key of the site and its CloudFront-log buckets (no patient data).
        bucket: Private site bucket; CloudFront reads it through Origin Access Control.
        logs: CloudFront standard logs.
        headers: Security headers (CSP, HSTS, nosniff, frame and referrer policy).
        distribution: The CloudFront distribution.
        url: ``https://<id>.cloudfront.net``, or ``https://<first custom domain>``.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: InfraConfig,
        storage: Storage,
        api: UploadApi,
    ) -> None:
        super().__init__(scope, construct_id)
        self.key = kms.Key(
            self,
            "SiteKey",
            description="ichseg web app files and CloudFront logs (no patient data)",
            enable_key_rotation=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        # CloudFront standard logging writes SSE-KMS objects through the log-delivery service
        # (the statement AWS documents for it: encrypt only, no decrypt).
        self.key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="CloudFrontLogDelivery",
                principals=[iam.ServicePrincipal("delivery.logs.amazonaws.com")],
                actions=["kms:GenerateDataKey*"],
                resources=["*"],
            )
        )
        self.bucket = self._bucket(
            "Files", object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, storage=storage
        )
        # Legacy CloudFront logging delivers with an ACL grant, so this bucket keeps ACLs on.
        self.logs = self._bucket(
            "CloudFrontLogs",
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            storage=storage,
            expire_days=365,
        )

        self.headers = cloudfront.ResponseHeadersPolicy(
            self,
            "SecurityHeaders",
            comment="ichseg web app: CSP, HSTS, nosniff, frame and referrer policy",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=content_security_policy(
                        api_origin=api.api.api_endpoint,
                        uploads=storage.uploads,
                        results=storage.results,
                    ),
                    override=True,
                ),
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=HSTS_MAX_AGE, include_subdomains=True, override=True
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                # The origin only: keeps reset codes and signatures out of other sites' logs,
                # and still matches Firebase API keys restricted by HTTP referrer.
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                    override=True,
                ),
                xss_protection=cloudfront.ResponseHeadersXSSProtection(
                    protection=False,
                    override=True,  # "0": the legacy auditor is itself a risk
                ),
            ),
            custom_headers_behavior=cloudfront.ResponseCustomHeadersBehavior(
                custom_headers=[
                    # No camera=(): the upload page's <input capture> may open the camera.
                    cloudfront.ResponseCustomHeader(
                        header="Permissions-Policy",
                        value="microphone=(), geolocation=(), payment=(), usb=()",
                        override=True,
                    ),
                    cloudfront.ResponseCustomHeader(
                        header="Cross-Origin-Opener-Policy", value="same-origin", override=True
                    ),
                ]
            ),
        )

        self.distribution = cloudfront.Distribution(
            self,
            "Distribution",
            comment="ichseg web app",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=self.headers,
                compress=True,
            ),
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=cloudfront.PriceClass[
                config.site_price_class.upper().replace("CLASS", "_CLASS")
            ],
            enable_logging=True,
            log_bucket=self.logs,
            log_file_prefix="cloudfront/",
            **self._viewer_tls(config),
        )
        # The site key serves only the site's own public files and logs: that any
        # distribution of this account may decrypt with it (CDK's cycle-free grant) is fine.
        Annotations.of(self).acknowledge_warning(
            "@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac",
            "Dedicated site key for public web files; scoped to this account's distributions.",
        )
        acknowledge(
            self.distribution,
            {
                "AwsSolutions::AwsSolutions-CFR1": (
                    "Static files of a research tool used from anywhere; data access is "
                    "authorised per user by Firebase tokens and presigned links, not by geography."
                ),
                "AwsSolutions::AwsSolutions-CFR2": (
                    "CLOUDFRONT-scope WAF web ACLs exist only in us-east-1 and this stack is "
                    "region-agnostic; the site serves GET/HEAD of static files only, and the "
                    "API behind it is throttled and JWT-checked."
                ),
            },
        )
        if config.site_domain_names:
            self.url = f"https://{config.site_domain_names[0]}"
        else:
            acknowledge(
                self.distribution,
                {"AwsSolutions::AwsSolutions-CFR4": DEFAULT_CERTIFICATE_REASON},
            )
            self.url = f"https://{self.distribution.distribution_domain_name}"

        self._deploy(config=config, storage=storage, api=api)

    def _viewer_tls(self, config: InfraConfig) -> dict[str, Any]:
        """Custom domain: its ACM certificate, SNI and TLSv1.2_2021; else CloudFront's default."""
        if not config.site_domain_names:
            return {}
        return {
            "domain_names": config.site_domain_names,
            "certificate": acm.Certificate.from_certificate_arn(
                self, "Certificate", config.site_certificate_arn
            ),
            "minimum_protocol_version": cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            "ssl_support_method": cloudfront.SSLMethod.SNI,
        }

    def _bucket(
        self,
        name: str,
        *,
        object_ownership: s3.ObjectOwnership,
        storage: Storage,
        expire_days: int | None = None,
    ) -> s3.Bucket:
        bucket = s3.Bucket(
            self,
            name,
            encryption=s3.BucketEncryption.KMS,
            encryption_key=self.key,
            bucket_key_enabled=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=object_ownership,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            versioned=True,
            server_access_logs_bucket=storage.access_logs,
            server_access_logs_prefix=f"site-{name.lower()}/",
            lifecycle_rules=[
                s3.LifecycleRule(
                    expiration=Duration.days(expire_days) if expire_days else None,
                    noncurrent_version_expiration=Duration.days(30),
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

    def _deploy(self, *, config: InfraConfig, storage: Storage, api: UploadApi) -> None:
        """Upload ``static/`` and then ``index.html`` + ``config.json``; invalidate the cache."""
        files = s3deploy.Source.asset(str(STATIC_DIR))
        if "apiKey" not in config.firebase_web:
            Annotations.of(self).add_warning_v2(
                "ichseg:site-firebase-api-key",
                "firebase_web_config has no apiKey: the deployed site cannot sign anyone in "
                "(set the Firebase console's web-app config in the ichseg context).",
            )
        site_config = {
            "mode": "firebase",
            "firebase": config.firebase_web,
            "apiUrl": api.url,
            "maxUploadBytes": config.max_upload_bytes,
        }
        log_group = encrypted_logs(self, "DeployLogs", storage.key)
        # Module names carry no content hash: browsers revalidate (ETag) on every load.
        revalidate = [s3deploy.CacheControl.no_cache()]
        assets = s3deploy.BucketDeployment(
            self,
            "DeployStatic",
            destination_bucket=self.bucket,
            destination_key_prefix="static/",
            sources=[files],
            exclude=["index.html"],
            cache_control=revalidate,
            prune=True,
            output_object_keys=False,  # keeps the custom-resource response small
            log_group=log_group,
        )
        # Only the root files are synced (and pruned) here, so static/ is left alone.
        root = s3deploy.BucketDeployment(
            self,
            "DeployRoot",
            destination_bucket=self.bucket,
            sources=[files, s3deploy.Source.json_data("config.json", site_config)],
            exclude=["*"],
            include=["index.html", "config.json"],
            cache_control=revalidate,
            prune=True,
            output_object_keys=False,  # keeps the custom-resource response small
            log_group=log_group,
            distribution=self.distribution,
            distribution_paths=["/*"],
        )
        root.node.add_dependency(assets)  # the new index.html only once its modules are there
        self.deployments = (assets, root)
        self._acknowledge_deploy_handler()

    def _acknowledge_deploy_handler(self) -> None:
        """cdk-nag acknowledgements on CDK's singleton BucketDeployment function and role."""
        stack = Stack.of(self)
        handlers = [
            child
            for child in stack.node.children
            if child.node.id.startswith("Custom::CDKBucketDeployment")
            and isinstance(child, lambda_.Function)
        ]
        if not handlers:
            raise RuntimeError("CDK's BucketDeployment handler was not found in the stack")
        wildcard = (
            "write and prune this deployment's files and read CDK's staged asset objects; "
            "the grants are CDK's, limited to the site bucket and the asset bucket."
        )
        for handler in handlers:
            acknowledge(
                handler,
                {
                    "AwsSolutions::AwsSolutions-L1": (
                        DEPLOY_HANDLER_REASON + " Its runtime is chosen and updated by CDK."
                    ),
                    "HIPAA.Security::HIPAA.Security-LambdaConcurrency": (
                        DEPLOY_HANDLER_REASON + " Reserved concurrency adds nothing."
                    ),
                    "HIPAA.Security::HIPAA.Security-LambdaDLQ": (
                        DEPLOY_HANDLER_REASON + " Failures fail and roll back the stack."
                    ),
                    "HIPAA.Security::HIPAA.Security-LambdaInsideVPC": (
                        DEPLOY_HANDLER_REASON + " It calls S3 and the CloudFront invalidation "
                        "API, which has no VPC endpoint; it handles no patient data."
                    ),
                    object_wildcard(self.bucket, ""): ("The deployment must " + wildcard),
                    "AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::"
                    "cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]": (
                        "The deployment must " + wildcard
                    ),
                    "AwsSolutions::AwsSolutions-IAM5[Action::s3:GetObject*]": (
                        "The deployment must " + wildcard
                    ),
                    "AwsSolutions::AwsSolutions-IAM5[Action::s3:GetBucket*]": (
                        "The deployment must " + wildcard
                    ),
                    "AwsSolutions::AwsSolutions-IAM5[Action::s3:List*]": (
                        "The deployment must " + wildcard
                    ),
                    "AwsSolutions::AwsSolutions-IAM5[Action::s3:DeleteObject*]": (
                        "The deployment must " + wildcard
                    ),
                    "AwsSolutions::AwsSolutions-IAM5[Action::s3:Abort*]": (
                        "The deployment must " + wildcard
                    ),
                    "AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]": (
                        "KMS actions CDK grants for writing SSE-KMS objects, on the site key only."
                    ),
                    "AwsSolutions::AwsSolutions-IAM5[Action::kms:ReEncrypt*]": (
                        "KMS actions CDK grants for writing SSE-KMS objects, on the site key only."
                    ),
                    "AwsSolutions::AwsSolutions-IAM5[Resource::*]": (
                        "cloudfront:CreateInvalidation/GetInvalidation, granted by CDK on '*'."
                    ),
                },
            )
