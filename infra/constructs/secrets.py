"""Google access: Workload Identity Federation (no key), or an opt-in service-account key secret."""

from __future__ import annotations

from aws_cdk import Annotations, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.config import InfraConfig
from infra.constructs.nag import acknowledge

ROTATION_REASON = (
    "A Google service-account key cannot be rotated by a Secrets Manager rotation Lambda; it "
    "is rotated in Google Cloud and written here with put-secret-value. It exists only as the "
    "opt-in fallback to Workload Identity Federation (firebase_key_secret)."
)


class Secrets(Construct):
    """How the functions and the GPU task reach Firestore and Firebase Auth.

    With ``google_wif_audience`` set, they federate their IAM role's identity into Google
    (:mod:`ichseg.adapters.google_wif`); no secret exists unless ``firebase_key_secret`` opts
    in. Without it (a development stack), the key secret is created as before, with a
    synth warning.

    Attributes:
        firebase: The key secret, or ``None``; set its value with
            ``aws secretsmanager put-secret-value --secret-id <arn> --secret-string file://sa.json``.
    """

    def __init__(
        self, scope: Construct, construct_id: str, *, key: kms.IKey, config: InfraConfig
    ) -> None:
        super().__init__(scope, construct_id)
        self._config = config
        self.firebase: secretsmanager.Secret | None = None
        if config.uses_key_secret:
            self.firebase = secretsmanager.Secret(
                self,
                "FirebaseServiceAccount",
                description="Firebase service-account JSON (fallback to Workload Identity)",
                encryption_key=key,
                removal_policy=RemovalPolicy.RETAIN,
            )
            acknowledge(
                self.firebase,
                {
                    "AwsSolutions::AwsSolutions-SMG4": ROTATION_REASON,
                    "HIPAA.Security::HIPAA.Security-SecretsManagerRotationEnabled": (
                        ROTATION_REASON
                    ),
                },
            )
            Annotations.of(self).add_warning_v2(
                "ichseg:long-lived-key",
                "Google is reached with a long-lived service-account key from Secrets "
                "Manager; set google_wif_audience to use Workload Identity Federation "
                "(infra/README.md)",
            )

    def environment(self) -> dict[str, str]:
        """``ICHSEG_*`` variables that tell the code how to reach Google."""
        env = {}
        if self._config.google_wif_audience:
            env["ICHSEG_GOOGLE_WIF_AUDIENCE"] = self._config.google_wif_audience
            env["ICHSEG_GOOGLE_SERVICE_ACCOUNT"] = self._config.google_service_account
        if self.firebase is not None:
            env["ICHSEG_FIREBASE_SECRET_ID"] = self.firebase.secret_arn
        return env

    def grant_read(self, grantee: iam.IGrantable) -> None:
        """Let ``grantee`` read the key secret, if there is one (federation needs no grant)."""
        if self.firebase is not None:
            self.firebase.grant_read(grantee)
