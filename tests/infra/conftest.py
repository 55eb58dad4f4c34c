"""One synthesized app (with the cdk-nag packs) shared by the infrastructure tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class Synth:
    app: Any
    stack: Any
    outdir: Path
    error: Exception | None
    seconds: float


@pytest.fixture(scope="session")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Synth:
    """Synthesize the whole app once: no AWS account, no Docker (assets are only staged)."""
    import time

    from infra.app import build_app

    outdir = tmp_path_factory.mktemp("cdk.out")
    start = time.perf_counter()
    app, stack = build_app(outdir=str(outdir))
    error: Exception | None = None
    try:
        app.synth()
    except Exception as exc:  # cdk-nag findings surface as a validation failure
        error = exc
    return Synth(app, stack, outdir, error, time.perf_counter() - start)


@pytest.fixture(scope="session")
def template(synth: Synth) -> Any:
    from aws_cdk.assertions import Template

    if synth.error is not None:
        pytest.fail(f"synth failed: {synth.error}")
    return Template.from_stack(synth.stack)


@pytest.fixture(scope="session")
def synth_with(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., dict[str, Any]]:
    """Synthesize the app with some ``InfraConfig`` settings changed; returns the template.

    Fails on any cdk-nag finding, as the default app's synth does.
    """
    import json

    from infra.app import build_app, project_context

    def synth(**settings: Any) -> dict[str, Any]:
        context = {"ichseg": {**project_context()["ichseg"], **settings}}
        outdir = tmp_path_factory.mktemp("synth")
        app, stack = build_app(context=context, outdir=str(outdir))
        app.synth()  # cdk-nag findings would raise here
        report = json.loads((outdir / "validation-report.json").read_text())
        assert all(r["violations"] == [] for r in report["pluginReports"])
        template: dict[str, Any] = json.loads(
            (outdir / f"{stack.stack_name}.template.json").read_text()
        )
        return template

    return synth


@pytest.fixture(scope="session", autouse=True)
def _no_aws_credentials(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Synth must not need AWS: no credentials, empty SDK config (restored afterwards)."""
    import os

    empty = tmp_path_factory.mktemp("no-aws") / "none"
    names = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
             "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")  # fmt: skip
    saved = {n: os.environ[n] for n in names if n in os.environ}
    for name in names:
        os.environ.pop(name, None)
    os.environ["AWS_CONFIG_FILE"] = str(empty)
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(empty)
    try:
        yield
    finally:
        for name in names:
            os.environ.pop(name, None)
        os.environ.update(saved)
