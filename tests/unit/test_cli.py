"""The ichseg command line: exit codes, one-line errors, the sub-commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ichseg.cli import main, summary_lines


def test_segment_prints_where_the_results_are(
    phantom_dir: Path, band_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result"
    code = main(
        ["segment", str(phantom_dir / "phantom_dicom"), "-o", str(out), "--model", str(band_model)]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "HAEMORRHAGE" in printed and str(out / "overlay.mp4") in printed
    assert (out / "report.json").is_file()


def test_segment_names_the_slices_called_bleeding_without_an_outline(tmp_path: Path) -> None:
    def row(index: int, called: bool, area: int) -> dict:
        return {"index": index, "haemorrhage": called, "area_px": area}

    report = {
        "scan": {
            "haemorrhage": True,
            "probability": 0.99,
            "volume_ml": 2.5,
            "bleeding_slices": [2, 3, 4],
            "n_slices": 5,
        },
        "slices": [
            row(1, False, 0),
            row(2, True, 0),
            row(3, True, 40),
            row(4, True, 0),
            row(5, False, 3),
        ],
        "timings_s": {"total": 1.0},
    }
    lines = summary_lines(report, tmp_path)
    assert lines[1] == "bleeding slices: 2, 3, 4"
    assert lines[2] == "  of which no outline drawn (called by the slice score): 2, 4"

    for s in report["slices"]:
        s["area_px"] = 10
    assert not any("no outline" in line for line in summary_lines(report, tmp_path))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.mp4", b""),
        ("noise.dcm", bytes(range(256)) * 8),
        ("noise.nii", bytes(range(256)) * 8),
        ("missing.mp4", None),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_output(
    name: str, content: bytes | None, band_model: Path, tmp_path: Path
) -> None:
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ichseg",
            "segment",
            str(src),
            "-o",
            str(out),
            "--model",
            str(band_model),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ichseg: error: ")
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_missing_model_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["segment", str(tmp_path), "-o", str(tmp_path / "o"), "--model", str(tmp_path / "x.onnx")]
    )
    assert code == 2
    assert "model file not found" in capsys.readouterr().err


def test_sample_then_evaluate_reports_dice_and_auc(
    band_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two cases laid out like CT-ICH: truth/PPP/*.png and pred/PPP from --images."""
    images, truth = tmp_path / "images", tmp_path / "truth"
    for case, bleed in (("001", True), ("002", False)):
        (images / case).mkdir(parents=True)
        (truth / case).mkdir(parents=True)
        for s in range(1, 5):
            img = np.full((64, 64), 110, np.uint8)  # brain grey
            mask = np.zeros((64, 64), np.uint8)
            if bleed and s in (2, 3):
                img[20:40, 20:40] = 190  # blood grey
                mask[20:40, 20:40] = 255
            Image.fromarray(img).save(images / case / f"{s}.png")
            Image.fromarray(mask).save(truth / case / f"{s}.png")
    summary_path = tmp_path / "summary.json"
    code = main(
        [
            "evaluate",
            "--pred",
            str(tmp_path / "pred"),
            "--truth",
            str(truth),
            "--images",
            str(images),
            "--model",
            str(band_model),
            "--json",
            str(summary_path),
        ]
    )
    assert code == 0
    summary = json.loads(summary_path.read_text())
    assert summary["hssayeni_dice"] > 0.9
    assert summary["slice_auc"] == 1.0
    assert len(summary["slices"]) == 8
    assert (
        summary["slices"][1] | {"case": "001", "index": 2, "truth_bleeding": True}
        == summary["slices"][1]
    )
    assert summary["slices"][1]["dice"] > 0.9
    assert summary["pooled_dice_bleeding_slices"] > 0.9
    assert summary["scan_confusion"]["tp"] == 1 and summary["scan_confusion"]["tn"] == 1
    assert "Dice (Hssayeni protocol)" in capsys.readouterr().out


def test_sample_writes_dicom_and_nifti(tmp_path: Path) -> None:
    assert main(["sample", "-o", str(tmp_path / "s"), "--slices", "8"]) == 0
    assert list((tmp_path / "s" / "phantom_dicom").iterdir())
    assert (tmp_path / "s" / "phantom.nii.gz").is_file()
