"""Container image assets built from the repository root, staged small.

The exclude list is the repository's ``.dockerignore`` (an allow-list), so the staged
context at synth holds only the package, the entry points and the build files.
"""

from __future__ import annotations

from pathlib import Path

from aws_cdk import IgnoreMode
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_lambda as lambda_

ROOT = Path(__file__).resolve().parents[2]


def build_excludes(root: Path = ROOT) -> list[str]:
    """Patterns of ``.dockerignore`` (comments and blanks dropped)."""
    lines = (root / ".dockerignore").read_text().splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def lambda_image(dockerfile: str, cmd: list[str], base_image: str) -> lambda_.DockerImageCode:
    """Lambda image code from ``dockerfile`` (relative to the root) with a handler command.

    Args:
        dockerfile: The Dockerfile, relative to the repository root.
        cmd: The handler.
        base_image: ``BASE_IMAGE`` build argument (pinned by digest in ``cdk.json``).
    """
    return lambda_.DockerImageCode.from_image_asset(
        str(ROOT),
        file=dockerfile,
        cmd=cmd,
        build_args={"BASE_IMAGE": base_image},
        exclude=build_excludes(),
        ignore_mode=IgnoreMode.DOCKER,
        platform=ecr_assets.Platform.LINUX_AMD64,
    )
