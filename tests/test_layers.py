"""The folder layering: the core imports no SDK, cloud/ no botocore, adapters no cloud/.

The DICOM network SDKs (pynetdicom, dicomweb-client) live only in adapters/ (the node's
SCP and senders); the core writes DICOM objects with pydicom/highdicom, format libraries
like nibabel and PyAV.
"""

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


#: SDKs only adapters (and, for the web ones, ``ichseg.server``) may import.
DICOM_NETWORK_SDKS = ("pynetdicom", "dicomweb_client")
SDKS = (
    "boto3",
    "botocore",
    "onnxruntime",
    "firebase_admin",
    "google",
    "starlette",
    "httpx",
    *DICOM_NETWORK_SDKS,
)


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


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(ROOT.rglob("*.py")) if p.parent != ROOT / "adapters"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_dicom_network_sdks_only_in_adapters(path: Path) -> None:
    bad = {m for m in imports(path) if m.split(".")[0] in DICOM_NETWORK_SDKS}
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_the_dicom_node_core_depends_on_ports_not_on_its_adapters() -> None:
    ours = {m for m in imports(ROOT / "dicom_node.py") if m.startswith("ichseg")}
    assert not {m for m in ours if m.startswith("ichseg.adapters")}, ours
