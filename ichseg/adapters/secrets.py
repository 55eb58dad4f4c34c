"""Secrets Manager adapter: JSON secrets read at run time through Powertools' cached provider."""

from __future__ import annotations

from typing import Any

#: How long a secret value is reused before Secrets Manager is asked again.
DEFAULT_MAX_AGE_S = 300


class SecretsManagerSource:
    """Reads JSON secrets (for example the Firebase service-account key) when first needed.

    Values are cached for ``max_age_s`` (Powertools ``SecretsProvider``, the provider behind
    ``parameters.get_secret``), so a rotated value is picked up without a cold start.

    Args:
        client: A boto3 Secrets Manager client.
        max_age_s: Seconds a value is reused.
    """

    def __init__(self, client: Any, max_age_s: int = DEFAULT_MAX_AGE_S) -> None:
        from aws_lambda_powertools.utilities.parameters import SecretsProvider

        self._provider = SecretsProvider(boto3_client=client)
        self._max_age_s = max_age_s

    def get_json(self, secret_id: str) -> dict[str, Any]:
        """The secret's value parsed as a JSON object.

        Raises:
            ValueError: The secret is not a JSON object.
        """
        from aws_lambda_powertools.utilities.parameters.exceptions import (
            TransformParameterError,
        )

        try:
            value = self._provider.get(secret_id, max_age=self._max_age_s, transform="json")
        except TransformParameterError as exc:
            raise ValueError(f"secret {secret_id} is not a JSON string") from exc
        if not isinstance(value, dict):
            raise ValueError(f"secret {secret_id} is not a JSON object")
        return value
