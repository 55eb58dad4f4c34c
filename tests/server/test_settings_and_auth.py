from __future__ import annotations

import time

import pytest

from ichseg.server import ServeSettings
from ichseg.server.auth import (
    LoginLimiter,
    hash_password,
    normalise_email,
    password_problem,
    verify_password,
)


def test_settings_read_the_environment_when_created(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ICHSEG_PORT", "9999")
    monkeypatch.setenv("ICHSEG_COOKIE_SECURE", "true")
    settings = ServeSettings()
    assert settings.port == 9999 and settings.cookie_secure is True
    assert settings.host == "127.0.0.1"
    assert ServeSettings(port=1234).port == 1234  # arguments win over the environment


@pytest.mark.parametrize(
    ("kwargs", "url"),
    [
        ({"port": 8765}, "http://127.0.0.1:8765"),
        ({"host": "0.0.0.0", "port": 80}, "http://127.0.0.1:80"),
        ({"host": "::1", "port": 81}, "http://[::1]:81"),
        ({"public_base_url": "https://ct.example.org/"}, "https://ct.example.org"),
    ],
)
def test_base_url_for_reset_links(kwargs: dict[str, object], url: str) -> None:
    assert ServeSettings(**kwargs).base_url == url  # type: ignore[arg-type]


def test_password_hashes_are_argon2id_and_verify() -> None:
    encoded = hash_password("correct horse")
    assert encoded.startswith("$argon2id$")
    assert verify_password(encoded, "correct horse")
    assert not verify_password(encoded, "wrong horse")
    assert not verify_password(None, "correct horse")
    assert not verify_password("not a hash", "correct horse")


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("ann@example.org", True),
        (" ann@example.org ", True),
        ("ann@", False),
        ("a b@c.d", False),
        (None, False),
        ("x" * 70 + "@example.org", False),
    ],
)
def test_email_validation(email: object, ok: bool) -> None:
    assert (normalise_email(email) is not None) is ok


def test_password_rules() -> None:
    assert password_problem("12345678") is None
    assert "at least" in (password_problem("1234567") or "")
    assert "at most" in (password_problem("x" * 2000) or "")
    assert password_problem(None) == "password is required"


def test_limiter_per_account_and_ip_and_per_ip_overall() -> None:
    limiter = LoginLimiter(max_failures=2, window_s=60)
    for _ in range(2):
        assert limiter.retry_after("a@b.co", "1.1.1.1") == 0
        limiter.failed("a@b.co", "1.1.1.1")
    assert 0 < limiter.retry_after("A@b.co", "1.1.1.1") <= 60
    assert limiter.retry_after("a@b.co", "2.2.2.2") == 0  # another IP is not locked out
    limiter.succeeded("a@b.co", "1.1.1.1")
    assert limiter.retry_after("a@b.co", "1.1.1.1") == 0
    # spraying many accounts from one IP trips the per-IP limit (10 x max_failures)
    for i in range(20):
        limiter.failed(f"user{i}@b.co", "3.3.3.3")
    assert limiter.retry_after("fresh@b.co", "3.3.3.3") > 0


def test_limiter_window_expires() -> None:
    limiter = LoginLimiter(max_failures=1, window_s=0.05)
    limiter.failed("a@b.co", "1.1.1.1")
    assert limiter.retry_after("a@b.co", "1.1.1.1") > 0
    time.sleep(0.06)
    assert limiter.retry_after("a@b.co", "1.1.1.1") == 0
