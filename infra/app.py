"""CDK app entry: ``cdk synth`` (or ``python -m infra.app``) with no AWS account and no Docker.

Settings come from the ``ichseg`` context object (``cdk.json``, or ``-c ichseg='{...}'``).
The app makes no AWS calls at synth: no lookups, env-agnostic stack, image assets staged only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from aws_cdk import Annotations, App, Validations
from cdk_nag import AwsSolutionsChecks, HIPAASecurityChecks

from infra.config import CONTEXT_KEY, InfraConfig
from infra.stacks.ichseg_stack import IchsegStack

CDK_JSON = Path(__file__).resolve().parents[1] / "cdk.json"


def project_context() -> dict[str, Any]:
    """The ``context`` of ``cdk.json`` (feature flags and settings), also outside the CLI."""
    context: dict[str, Any] = json.loads(CDK_JSON.read_text()).get("context", {})
    return context


def build_app(
    context: dict[str, Any] | None = None, outdir: str | None = None, nag: bool = True
) -> tuple[App, IchsegStack]:
    """Build the app and its stack, with the cdk-nag packs registered.

    Args:
        context: Extra context (tests pass settings here).
        outdir: Cloud assembly folder (``cdk.out`` by default).
        nag: Register the AwsSolutions and HIPAA Security packs.

    Returns:
        The app and the stack.
    """
    merged = {
        "aws:cdk:enable-path-metadata": True,  # as the CLI does; tests find resources by path
        **project_context(),
        **(context or {}),
    }
    app = App(context=merged, outdir=outdir)
    config = InfraConfig.from_context(app.node.try_get_context(CONTEXT_KEY))
    stack = IchsegStack(
        app,
        config.stack_name,
        config=config,
        description="ichseg: intracranial haemorrhage segmentation, cloud path",
    )
    for image in config.base_images.unfilled:
        Annotations.of(stack).add_warning_v2(
            "ichseg:unfilled-digest",
            f"base image {image} carries the placeholder digest: set ichseg.base_images in "
            "cdk.json to the registry's digest before building images (infra/README.md)",
        )
    if nag:
        # Acknowledgements are also written into the template metadata (audit trail).
        Validations.of(app).add_plugins(
            AwsSolutionsChecks(app, write_suppressions_to_cloud_formation=True)
        )
        Validations.of(app).add_plugins(HIPAASecurityChecks(app))
    return app, stack


def main() -> None:
    """Synthesize (``cdk synth`` runs this and sets ``CDK_OUTDIR``; else ``./cdk.out``)."""
    app, _ = build_app(outdir=os.environ.get("CDK_OUTDIR", "cdk.out"))
    app.synth()


if __name__ == "__main__":
    main()
