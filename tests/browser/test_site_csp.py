"""The site's Content-Security-Policy in Chromium: the app in cloud mode runs under it.

The page is served in the CloudFront layout (``index.html`` and ``config.json`` at the root,
the static files under ``static/``) with the header built by ``infra.constructs.site``.
Google's hosts are answered by Playwright routes, so a request that reaches a route is one
the CSP allowed (Chromium checks the policy before the request leaves the page).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

pytestmark = pytest.mark.browser

GOOGLE = re.compile(r"https://(identitytoolkit|securetoken|firestore)\.googleapis\.com/.*")
RECAPTCHA = re.compile(r"https://www\.(google|gstatic)\.com/recaptcha/.*")
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def site_csp() -> str:
    """The header the stack sets, with example bucket and API hosts (no deploy-time tokens)."""
    from aws_cdk import App, Stack
    from aws_cdk import aws_s3 as s3

    from infra.constructs.site import content_security_policy

    stack = Stack(App(), "CspOnly")

    def bucket(name: str) -> s3.IBucket:
        return s3.Bucket.from_bucket_attributes(
            stack,
            name,
            bucket_name=name,
            bucket_domain_name=f"{name}.s3.amazonaws.com",
            bucket_regional_domain_name=f"{name}.s3.eu-west-1.amazonaws.com",
        )

    value = stack.resolve(
        content_security_policy(
            api_origin="https://abc123.execute-api.eu-west-1.amazonaws.com",
            uploads=bucket("ichseg-uploads"),
            results=bucket("ichseg-results"),
        )
    )
    assert isinstance(value, str)
    return value


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The static app in the site's layout, each response carrying the site's CSP."""
    from infra.constructs.site import STATIC_DIR

    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text((STATIC_DIR / "index.html").read_text())
    (root / "static").symlink_to(STATIC_DIR, target_is_directory=True)
    (root / "config.json").write_text(
        json.dumps(
            {
                "mode": "firebase",
                "firebase": {
                    "apiKey": "AIzaSyTEST-not-a-real-key-0000000000",
                    "authDomain": "ichseg-test.firebaseapp.com",
                    "projectId": "ichseg-test",
                    "appId": "1:1234567890:web:abcdef",
                },
                "apiUrl": "https://abc123.execute-api.eu-west-1.amazonaws.com",
                "maxUploadBytes": 1 << 20,
            }
        )
    )
    # Served over plain http on 127.0.0.1, so requests must not be upgraded to https.
    header = site_csp().replace("; upgrade-insecure-requests", "")

    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", header)
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join(5)


def test_cloud_mode_runs_under_the_site_csp_and_reaches_only_allowed_hosts(
    csp_site: str, new_page: Any
) -> None:
    page = new_page()
    page.add_init_script(COLLECT_VIOLATIONS)
    called: list[str] = []

    def google(route: Any) -> None:
        called.append(route.request.url)
        route.fulfill(
            status=400,
            content_type="application/json",
            headers={"Access-Control-Allow-Origin": "*"},
            body=json.dumps(
                {"error": {"code": 400, "message": "INVALID_LOGIN_CREDENTIALS", "errors": []}}
            ),
        )

    def recaptcha(route: Any) -> None:
        called.append(route.request.url)
        route.abort()

    page.route(GOOGLE, google)
    page.route(RECAPTCHA, recaptcha)
    page.goto(csp_site)
    page.wait_for_selector("h1:has-text('Log in')")

    # E-mail sign-in: the SDK's Identity Toolkit call is allowed (connect-src).
    page.fill("input[type=email]", "someone@example.org")
    page.fill("input[type=password]", "not-the-password")
    page.click("button.primary")
    page.wait_for_selector("p.error:has-text('wrong e-mail or password')")
    assert any(u.startswith("https://identitytoolkit.googleapis.com/") for u in called), called

    # Phone sign-in: the SDK loads reCAPTCHA's script (script-src); offline it then fails.
    page.goto(csp_site + "#/phone")
    page.wait_for_selector("input[type=tel]")
    page.fill("input[type=tel]", "+447700900123")
    page.click("button.primary")
    page.wait_for_function("() => document.querySelector('p.error').textContent.length > 0")
    assert any(u.startswith("https://www.google.com/recaptcha/") for u in called), called

    assert page.evaluate("window.__csp") == []
    assert page.console_errors == []

    # The listener does see violations: a host the policy does not name is blocked.
    page.evaluate("fetch('https://example.org/x').catch(() => null)")
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("window.__csp") == ["connect-src https://example.org/x"]
