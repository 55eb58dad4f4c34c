"""Secrets Manager adapter: JSON secrets read at run time and cached per process."""

from __future__ import annotations

import json
import threading
from typing import Any


class SecretsManagerSource:
    """Reads JSON secrets (for example the Firebase service-account key) when first needed.

    Args:
        client: A boto3 Secrets Manager client.
    """

    def __init__(self, client: Any) -> None:
        self._sm = client
        self._cache: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def get_json(self, secret_id: str) -> dict[str, Any]:
        """The secret's value parsed as a JSON object.

        Raises:
            ValueError: The secret is not a JSON object.
        """
        with self._lock:
            if secret_id in self._cache:
                return self._cache[secret_id]
        resp = self._sm.get_secret_value(SecretId=secret_id)
        try:
            value = json.loads(resp["SecretString"])
        except (KeyError, ValueError) as exc:
            raise ValueError(f"secret {secret_id} is not a JSON string") from exc
        if not isinstance(value, dict):
            raise ValueError(f"secret {secret_id} is not a JSON object")
        with self._lock:
            self._cache[secret_id] = value
        return value
