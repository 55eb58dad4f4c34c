"""write_outputs: a prediction becomes masks, two videos and report.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from ichseg.outputs import OVERLAY_NAME, REPORT_NAME, SLICES_VIDEO_NAME, mask_name
from ichseg.ports import ModelOutput
from ichseg.predict import predict_from_heads, predict_scan
from ichseg.readers import read_scan
from ichseg.write import write_outputs


def test_write_outputs_writes_every_named_output(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path
) -> None:
    scan = read_scan(phantom_dir / "phantom_dicom")
    pred = predict_scan(scan, band_segmenter)
    report = write_outputs(pred, scan, tmp_path / "out", fps=4, timings_s={"read": 0.5})
    out = tmp_path / "out"
    assert (out / OVERLAY_NAME).is_file() and (out / SLICES_VIDEO_NAME).is_file()
    assert json.loads((out / REPORT_NAME).read_text()) == report
    assert report["scan"]["bleeding_slices"] == pred.verdict.bleeding_slices
    assert report["video"]["fps"] == 4 and report["timings_s"]["read"] == 0.5
    for i, mask in enumerate(pred.masks, start=1):
        with Image.open(out / mask_name(i, len(pred))) as im:
            np.testing.assert_array_equal(np.asarray(im), mask)


def test_write_outputs_needs_the_displays_of_predict_scan(tmp_path: Path, band_spec) -> None:  # type: ignore[no-untyped-def]
    pred = predict_from_heads(
        ModelOutput(prob=np.zeros((1, 256, 256), np.float32)), [(8, 8)], band_spec
    )
    with pytest.raises(ValueError, match="predict_scan"):
        write_outputs(pred, None, tmp_path)  # type: ignore[arg-type]


def test_a_streamed_writer_must_hold_every_slice(
    phantom_dir: Path, band_segmenter: Any, tmp_path: Path
) -> None:
    from ichseg.write import SliceWriter

    scan = read_scan(phantom_dir / "phantom_dicom")
    pred = predict_scan(scan, band_segmenter)
    with SliceWriter(tmp_path / "out", pred.displays) as writer:
        writer.add(0, pred.masks[0])
        with pytest.raises(ValueError, match="1 of 24"):
            write_outputs(pred, scan, tmp_path / "out", writer=writer)
