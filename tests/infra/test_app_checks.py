"""The whole app: cdk-nag (AwsSolutions + HIPAA) clean, cfn-lint clean, synth offline."""

from __future__ import annotations

import json

#: cfn-lint warnings we accept: W3005 flags CDK's redundant DependsOn on function roles.
ACCEPTED_WARNINGS = {"W3005"}
DEPLOY_REGIONS = ["us-east-1", "eu-west-1"]


def test_whole_app_synthesizes_with_zero_unacknowledged_nag_findings(synth):
    assert synth.error is None, f"cdk-nag or synth failure: {synth.error}"
    report = json.loads((synth.outdir / "validation-report.json").read_text())
    packs = {r["pluginName"]: r for r in report["pluginReports"]}
    assert set(packs) == {"AwsSolutions", "HIPAA.Security"}
    for name, pack in packs.items():
        assert pack["violations"] == [], (name, pack["violations"][:3])
        assert pack["conclusion"] == "success"


def test_every_acknowledgement_carries_a_reason(synth):
    template = json.loads((synth.outdir / f"{synth.stack.stack_name}.template.json").read_text())
    acknowledged = {}
    for lid, res in template["Resources"].items():
        for rule in res.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", []):
            assert len(rule.get("reason", "")) >= 20, (lid, rule)
            acknowledged[rule["id"]] = rule["reason"]
    # The acknowledgements written by this app (not CDK's own) are all present.
    assert "HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy" in acknowledged
    assert "AwsSolutions::AwsSolutions-SQS3" in acknowledged


def test_synthesized_template_passes_cfn_lint(synth):
    from cfnlint.api import ManualArgs, lint

    template = synth.outdir / f"{synth.stack.stack_name}.template.json"
    # The regions the stack is meant for (GPU instance types differ by region).
    matches = lint(template.read_text(), config=ManualArgs(regions=DEPLOY_REGIONS))
    # Errors and warnings count; informational (I) rules are off by default in the CLI too.
    bad = [m for m in matches if m.rule.id[0] in "EW" and m.rule.id not in ACCEPTED_WARNINGS]
    assert bad == [], [f"{m.rule.id} {m.message}" for m in bad[:5]]


def test_synth_made_no_lookups_and_stayed_within_budget(synth):
    # A context lookup (VPC, AMI, hosted zone...) would need AWS credentials at synth.
    manifest = json.loads((synth.outdir / "manifest.json").read_text())
    assert "missing" not in manifest, manifest.get("missing")
    assert synth.seconds < 240


def test_an_unacknowledged_finding_fails_the_synth(tmp_path):
    # The check above is only as good as this: a finding must turn into a failed synth.
    import pytest
    from aws_cdk import App, Stack, Validations
    from aws_cdk import aws_sqs as sqs
    from cdk_nag import AwsSolutionsChecks

    app = App(outdir=str(tmp_path))
    sqs.Queue(Stack(app, "Bad"), "PlainQueue")  # no SSL enforcement, no DLQ
    Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    with pytest.raises(RuntimeError, match="ValidationFailed"):
        app.synth()
    report = json.loads((tmp_path / "validation-report.json").read_text())
    rules = {v["ruleName"] for r in report["pluginReports"] for v in r["violations"]}
    assert "AwsSolutions-SQS4" in rules
