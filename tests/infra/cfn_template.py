"""Finding resources in a synthesized CloudFormation template, for the infra tests.

Every helper takes either an ``aws_cdk.assertions.Template`` (the ``template`` fixture) or
the template's JSON as a dict (what ``synth_with`` returns), so the tests of the default
stack and of a stack synthesized with other settings share one way of looking.
"""

from __future__ import annotations

from typing import Any


def as_json(template: Any) -> dict[str, Any]:
    """The template as a dict, whether given as a ``Template`` or already as JSON."""
    if isinstance(template, dict):
        return template
    out: dict[str, Any] = template.to_json()
    return out


def resources(template: Any, type_: str) -> dict[str, dict[str, Any]]:
    """Logical id -> resource, for every resource of one CloudFormation type."""
    return {k: v for k, v in as_json(template)["Resources"].items() if v["Type"] == type_}


def by_path(template: Any, type_: str, path_part: str) -> tuple[str, dict[str, Any]]:
    """The one resource of ``type_`` whose construct path contains ``path_part``."""
    found = [
        (lid, res)
        for lid, res in resources(template, type_).items()
        if path_part in res.get("Metadata", {}).get("aws:cdk:path", "")
    ]
    assert len(found) == 1, (type_, path_part, [lid for lid, _ in found])
    return found[0]


def logical_id(template: Any, type_: str, path_part: str) -> str:
    """The logical id of the one resource of ``type_`` whose construct path has ``path_part``."""
    return by_path(template, type_, path_part)[0]
