"""Fixtures for the cloud entry points (defined in ``aws_helpers``): moto AWS, events, deps."""

from aws_helpers import aws, lambda_context, make_deps, upload

__all__ = ["aws", "lambda_context", "make_deps", "upload"]
