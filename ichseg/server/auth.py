"""Local accounts: password hashing, session and reset tokens, login rate limiting.

Passwords are hashed with argon2id (argon2-cffi defaults). Session and reset tokens are
random 256-bit strings handed to the browser once; the index keeps only their SHA-256, so
a copy of the database cannot be replayed as a login.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import deque

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s.]{1,63}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024

_hasher = PasswordHasher()
#: A hash to verify against when the account does not exist, so that a login for an
#: unknown e-mail costs the same time as one with a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def new_token() -> str:
    """A URL-safe random token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    """Encode a password with argon2id."""
    return _hasher.hash(password)


def verify_password(encoded: str | None, password: str) -> bool:
    """Check a password against a stored hash (constant work when ``encoded`` is None)."""
    try:
        return _hasher.verify(encoded or _DUMMY_HASH, password) and encoded is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def normalise_email(email: object) -> str | None:
    """A trimmed e-mail address, or ``None`` when it does not look like one."""
    if not isinstance(email, str):
        return None
    email = email.strip()
    return email if EMAIL_RE.match(email) else None


def password_problem(password: object) -> str | None:
    """Why a new password is not acceptable, or ``None`` when it is."""
    if not isinstance(password, str):
        return "password is required"
    if len(password) < MIN_PASSWORD:
        return f"password must have at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"password must have at most {MAX_PASSWORD} characters"
    return None


class LoginLimiter:
    """Counts failed logins per (account, client IP) in a sliding window.

    Args:
        max_failures: Failures allowed within the window.
        window_s: Window length in seconds.
    """

    #: Failures from one IP across all accounts, as a multiple of ``max_failures``.
    IP_FACTOR = 10

    def __init__(self, max_failures: int, window_s: float) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times

    def retry_after(self, email: str, ip: str) -> int:
        """Seconds until another attempt is allowed; 0 when allowed now.

        An account is limited per IP after ``max_failures``; an IP is limited across all
        accounts after ``IP_FACTOR * max_failures`` (password spraying).
        """
        now = time.monotonic()
        waits = [0]
        with self._lock:
            for key, cap in (
                ((email.lower(), ip), self.max_failures),
                (("*", ip), self.max_failures * self.IP_FACTOR),
            ):
                times = self._recent(key, now)
                if len(times) >= cap:
                    waits.append(max(1, int(times[-cap] + self.window_s - now + 0.999)))
        return max(waits)

    def failed(self, email: str, ip: str) -> None:
        """Record a failed attempt."""
        now = time.monotonic()
        with self._lock:
            self._recent((email.lower(), ip), now).append(now)
            self._recent(("*", ip), now).append(now)
            if len(self._failures) > 100_000:  # bound memory under a spray of accounts
                self._failures = {k: v for k, v in self._failures.items() if v}

    def succeeded(self, email: str, ip: str) -> None:
        """Forget the failures of an account and IP after a successful login."""
        with self._lock:
            self._failures.pop((email.lower(), ip), None)
