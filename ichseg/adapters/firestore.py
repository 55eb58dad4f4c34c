"""Firebase adapters: the Firestore scan index and Firebase ID-token verification.

Clients are built lazily by the entry points' factories. With ``FIRESTORE_EMULATOR_HOST`` /
``FIREBASE_AUTH_EMULATOR_HOST`` set (the local emulators) no credentials are needed; in AWS
they come from Workload Identity Federation (:mod:`ichseg.adapters.google_wif`), or, as an
opt-in fallback, from a service-account key in Secrets Manager.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ichseg.errors import AuthError, TransientError
from ichseg.ports import Caller


class FirestoreScanIndex:
    """Scan documents at ``users/{uid}/scans/{scan_id}``.

    Args:
        client: A ``google.cloud.firestore.Client``.
    """

    def __init__(self, client: Any) -> None:
        self._db = client

    def _scans(self, uid: str) -> Any:
        return self._db.collection("users").document(uid).collection("scans")

    def set_scan(self, uid: str, scan_id: str, fields: Mapping[str, Any]) -> None:
        """Merge ``fields`` into the document (nested maps merge too)."""
        self._scans(uid).document(scan_id).set(dict(fields), merge=True)

    def get_scan(self, uid: str, scan_id: str) -> dict[str, Any] | None:
        """The document with its ``id``, or ``None``."""
        snap = self._scans(uid).document(scan_id).get()
        if not snap.exists:
            return None
        return {"id": snap.id, **(snap.to_dict() or {})}

    def list_scans(self, uid: str, limit: int = 100) -> list[dict[str, Any]]:
        """The user's scans, most recently updated first."""
        from google.cloud import firestore

        query = self._scans(uid).order_by("updated_at", direction=firestore.Query.DESCENDING)
        return [{"id": s.id, **(s.to_dict() or {})} for s in query.limit(limit).stream()]

    def delete_scan(self, uid: str, scan_id: str) -> None:
        """Delete the document (Firestore does not fail on a missing one)."""
        self._scans(uid).document(scan_id).delete()


def firestore_client(
    project_id: str, service_account: Mapping[str, Any] | None, credentials: Any = None
) -> Any:
    """A Firestore client: anonymous against the emulator, else federated or the key.

    Args:
        project_id: The Google project.
        service_account: A service-account key (the opt-in fallback), or ``None``.
        credentials: Google credentials (Workload Identity Federation); preferred.

    Raises:
        ValueError: No emulator is configured and no credentials were given.
    """
    from google.cloud import firestore

    if os.environ.get("FIRESTORE_EMULATOR_HOST"):
        from google.auth.credentials import AnonymousCredentials

        return firestore.Client(project=project_id, credentials=AnonymousCredentials())
    if credentials is not None:
        return firestore.Client(project=project_id, credentials=credentials)
    if not service_account:
        raise ValueError("Firestore needs a service account (ICHSEG_FIREBASE_SECRET_ID)")
    from google.oauth2 import service_account as sa

    creds = sa.Credentials.from_service_account_info(dict(service_account))
    return firestore.Client(project=project_id, credentials=creds)


def firebase_app(
    project_id: str, service_account: Mapping[str, Any] | None, credentials: Any = None
) -> Any:
    """The (cached) firebase-admin app for ``project_id``.

    ``credentials`` (Workload Identity Federation) win over ``service_account`` (a key).

    Raises:
        ValueError: No auth emulator is configured and no service account was given.
    """
    import firebase_admin
    from firebase_admin import credentials as fb_credentials

    name = f"ichseg-{project_id}"
    try:
        return firebase_admin.get_app(name)
    except ValueError:
        pass
    cred = None
    if credentials is not None:
        from ichseg.adapters.google_wif import firebase_credential

        cred = firebase_credential(credentials)
    elif service_account:
        cred = fb_credentials.Certificate(dict(service_account))
    elif not os.environ.get("FIREBASE_AUTH_EMULATOR_HOST"):
        raise ValueError("Firebase Auth needs a service account (ICHSEG_FIREBASE_SECRET_ID)")
    return firebase_admin.initialize_app(cred, {"projectId": project_id}, name=name)


class FirebaseTokenVerifier:
    """Checks Firebase ID tokens with firebase-admin.

    Args:
        app: A firebase-admin app (see :func:`firebase_app`).
        check_revoked: Also refuse tokens of disabled users or revoked sessions.
    """

    def __init__(self, app: Any, check_revoked: bool = True) -> None:
        self._app = app
        self._check_revoked = check_revoked

    def verify(self, token: str) -> str:
        """The token's user id (see :meth:`verify_caller`)."""
        return self.verify_caller(token).uid

    def verify_caller(self, token: str) -> Caller:
        """The token's user, with its ``email_verified`` and ``phone_number`` claims.

        Raises:
            AuthError: The token is missing, malformed, expired, revoked, for another project,
                or of a user who no longer exists.
            TransientError: Google's signing certificates could not be fetched.
        """
        from firebase_admin import auth

        if not token:
            raise AuthError("missing ID token")
        try:
            claims = auth.verify_id_token(token, app=self._app, check_revoked=self._check_revoked)
        except auth.CertificateFetchError as exc:
            raise TransientError("could not fetch Firebase signing certificates") from exc
        except (
            ValueError,
            auth.InvalidIdTokenError,
            auth.UserDisabledError,
            auth.UserNotFoundError,  # a deleted user's unexpired token (revocation check)
        ) as exc:
            raise AuthError(f"invalid ID token: {type(exc).__name__}") from exc
        uid = claims.get("uid") or claims.get("sub")
        if not isinstance(uid, str) or not uid:
            raise AuthError("ID token carries no user id")
        return Caller.from_claims(uid, claims)
