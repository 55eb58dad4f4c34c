"""The pinned aws-cdk CLI (package.json) synthesizes the app offline, nag- and lint-clean."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CDK = ROOT / "node_modules" / ".bin" / "cdk"


def test_package_json_pins_the_cli_exactly_and_the_lock_agrees():
    package = json.loads((ROOT / "package.json").read_text())
    version = package["devDependencies"]["aws-cdk"]
    assert version[0].isdigit(), f"aws-cdk must be pinned exactly, not {version!r}"
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/aws-cdk"]["version"] == version
    assert lock["packages"]["node_modules/aws-cdk"]["integrity"].startswith("sha512-")
    readme = (ROOT / "infra" / "README.md").read_text()
    assert "npx aws-cdk@2" not in readme, "the README must use the pinned CLI (npx cdk)"


@pytest.mark.slow
def test_pinned_cli_synthesizes_offline_with_zero_nag_and_lint_findings(tmp_path):
    if not CDK.exists():
        pytest.skip("the pinned CLI is not installed (bash scripts/setup_test_deps.sh)")
    version = json.loads((ROOT / "package.json").read_text())["devDependencies"]["aws-cdk"]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "CDK_")) or k == "AWS_DEFAULT_REGION"
    }
    env.update(
        AWS_EC2_METADATA_DISABLED="true",  # no credential probing of an instance
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        CDK_DISABLE_CLI_TELEMETRY="true",
    )
    out = tmp_path / "cdk.out"
    assert (
        version
        in subprocess.run(
            [str(CDK), "--version"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout
    )
    run = subprocess.run(
        [str(CDK), "synth", "--no-notices", "--no-version-reporting", "--quiet", "-o", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=480,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads((out / "validation-report.json").read_text())
    assert {r["pluginName"] for r in report["pluginReports"]} == {"AwsSolutions", "HIPAA.Security"}
    assert all(r["violations"] == [] for r in report["pluginReports"])

    from cfnlint.api import ManualArgs, lint

    template = (out / "Ichseg.template.json").read_text()
    matches = lint(template, config=ManualArgs(regions=["us-east-1", "eu-west-1"]))
    bad = [m for m in matches if m.rule.id[0] in "EW" and m.rule.id != "W3005"]
    assert bad == [], [f"{m.rule.id} {m.message}" for m in bad[:5]]
