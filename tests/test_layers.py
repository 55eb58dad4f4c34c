"""The folder layering: the core imports no SDK, cloud/ no botocore, adapters no cloud/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "ichseg"


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.py"))


SDKS = ("boto3", "botocore", "onnxruntime", "firebase_admin", "google", "starlette", "httpx")


@pytest.mark.parametrize("path", modules(ROOT), ids=lambda p: p.name)
def test_core_modules_import_no_sdk(path: Path) -> None:
    bad = {m for m in imports(path) if m.split(".")[0] in SDKS}
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", modules(ROOT / "cloud"), ids=lambda p: p.name)
def test_cloud_logic_imports_no_botocore_or_boto3(path: Path) -> None:
    bad = {m for m in imports(path) if m.split(".")[0] in ("boto3", "botocore")}
    assert not bad, f"cloud/{path.name} imports {bad}"


@pytest.mark.parametrize("path", modules(ROOT / "adapters"), ids=lambda p: p.name)
def test_adapters_import_nothing_from_cloud_or_server(path: Path) -> None:
    bad = {m for m in imports(path) if m.startswith(("ichseg.cloud", "ichseg.server"))}
    assert not bad, f"adapters/{path.name} imports {bad}"


def test_ports_and_errors_sit_below_everything() -> None:
    for name in ("ports.py", "errors.py", "records.py"):
        allowed = {"ichseg.errors", "ichseg.records", "ichseg.spec"}
        ours = {m for m in imports(ROOT / name) if m.startswith("ichseg")}
        assert ours <= allowed, f"{name} imports {ours - allowed}"
