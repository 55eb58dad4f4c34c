"""Reproducible images: packages exactly from uv.lock, base images by digest, CUDA from the lock."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from infra.app import project_context
from infra.config import DIGEST_REF, BaseImages, InfraConfig

ROOT = Path(__file__).resolve().parents[2]
#: Each image: its Dockerfile and the `uv export` arguments that give its locked set.
IMAGES = {
    "functions/Dockerfile": ["--extra", "cloud", "--extra", "dicom"],
    "functions/Dockerfile.gpu": [
        "--extra",
        "cloud",
        "--extra",
        "dicom",
        "--group",
        "gpu-image",
        "--no-emit-package",
        "onnxruntime",
    ],
}


def uv() -> str:
    found = shutil.which("uv") or str(Path.home() / ".local/bin/uv")
    if not os.access(found, os.X_OK):
        pytest.skip("uv is not installed (make uv)")
    return found


def pins(text: str) -> dict[str, str]:
    """``name -> 'name==version ; markers --hash ...'`` of a requirements file."""
    out: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line.startswith(" "):
            current = re.split(r"[=;\s]", stripped, maxsplit=1)[0].lower()
            out[current] = stripped
        else:
            out[current] += " " + stripped
    return out


def install_line(dockerfile: str) -> tuple[str, list[str]]:
    """The requirements file a Dockerfile installs (as built) and the pip flags."""
    text = (ROOT / dockerfile).read_text().replace("\\\n", " ")
    copies = dict(
        (dst, src) for src, dst in re.findall(r"^COPY\s+(\S+)\s+(\S+)\s*$", text, flags=re.M)
    )
    (install,) = [ln for ln in text.splitlines() if "pip install" in ln]
    flags = install.split("pip install", 1)[1].split("&&")[0].split()
    target = flags[flags.index("-r") + 1]
    return copies[target], flags


@pytest.mark.parametrize("dockerfile", list(IMAGES))
def test_each_image_installs_exactly_the_locked_set_for_its_extra(dockerfile):
    source, flags = install_line(dockerfile)
    assert {"--no-deps", "--require-hashes"} <= set(flags), flags
    exported = subprocess.run(
        [uv(), "export", "--frozen", "--no-emit-project", "--no-default-groups",
         "--format", "requirements.txt", *IMAGES[dockerfile]],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert pins((ROOT / source).read_text()) == pins(exported), (
        f"{source} is not `uv export` of uv.lock: run `make requirements`"
    )


def test_every_pin_carries_a_hash():
    for dockerfile in IMAGES:
        source, _ = install_line(dockerfile)
        for name, entry in pins((ROOT / source).read_text()).items():
            assert "==" in entry and "--hash=sha256:" in entry, name


def test_gpu_image_gets_the_cuda_build_and_its_cuda_libraries_from_the_lock():
    source, _ = install_line("functions/Dockerfile.gpu")
    gpu = pins((ROOT / source).read_text())
    assert gpu["onnxruntime-gpu"].startswith("onnxruntime-gpu==1.31.1")
    assert "onnxruntime" not in gpu, "CPU onnxruntime would shadow the CUDA build"
    # onnxruntime-gpu 1.31 is built for CUDA 13 and cuDNN 9: both come as locked wheels.
    assert gpu["nvidia-cuda-runtime"].startswith("nvidia-cuda-runtime==13.")
    assert gpu["nvidia-cudnn-cu13"].startswith("nvidia-cudnn-cu13==9.")
    lam = pins((ROOT / install_line("functions/Dockerfile")[0]).read_text())
    assert "onnxruntime" in lam and "onnxruntime-gpu" not in lam
    assert not {n for n in lam if n.startswith(("nvidia-", "tensorflow", "pytest", "moto"))}


@pytest.mark.parametrize("dockerfile", list(IMAGES))
def test_base_images_come_only_from_the_digest_pinned_build_arg(dockerfile):
    lines = [ln.strip() for ln in (ROOT / dockerfile).read_text().splitlines()]
    froms = [ln for ln in lines if ln.upper().startswith("FROM ")]
    assert froms == ["FROM ${BASE_IMAGE}"]
    assert "ARG BASE_IMAGE" in lines  # no default: a build without the pinned arg fails


def test_cdk_json_pins_both_base_images_by_digest():
    images = project_context()["ichseg"]["base_images"]
    assert set(images) == {"lambda", "gpu"}
    for ref in images.values():
        assert DIGEST_REF.fullmatch(ref), ref
    assert images["gpu"].startswith("python:3.11")  # the lock's GPU wheels are for CPython 3.11
    with pytest.raises(ValueError, match="sha256"):
        BaseImages.model_validate({"lambda": "public.ecr.aws/lambda/python:3.12"})
    with pytest.raises(ValueError, match="sha256"):
        InfraConfig.model_validate({"base_images": {"gpu": "python:3.11-slim"}})


def test_synthesized_assets_build_from_the_pinned_base_images(synth):
    config = InfraConfig.from_context(project_context()["ichseg"])
    assets = json.loads((synth.outdir / f"{synth.stack.stack_name}.assets.json").read_text())
    images = assets["dockerImages"].values()
    args = {
        (img["source"]["dockerFile"], img["source"]["dockerBuildArgs"]["BASE_IMAGE"])
        for img in images
    }
    assert args == {
        ("functions/Dockerfile", config.base_images.lambda_),
        ("functions/Dockerfile.gpu", config.base_images.gpu),
    }


@pytest.mark.parametrize("dockerfile", list(IMAGES))
def test_each_image_can_write_dicom_seg_and_sr_for_dicom_uploads(dockerfile):
    """A hospital's DICOM upload gets its SEG and SR in the cloud too (ichseg.derived)."""
    source, _ = install_line(dockerfile)
    installed = pins((ROOT / source).read_text())
    assert {"highdicom", "pydicom"} <= set(installed), sorted(installed)
