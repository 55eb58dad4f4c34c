"""The HU volume written for the viewer, and the slice a reader sees first."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ichseg.hu_volume import hu_volume, read_hu_volume, write_hu_volume
from ichseg.records import peak_slice, study_facts
from ichseg.server.wording import wait_text


def test_hu_volume_round_trips_clipped_and_rounded(tmp_path: Path) -> None:
    slices = [np.array([[-3000.0, 39.6], [np.nan, 5000.0]], dtype=np.float32)] * 3
    path = tmp_path / "hu.npy.gz"
    assert write_hu_volume(slices, path)
    volume = read_hu_volume(path)
    assert volume.dtype == np.int16 and volume.shape == (3, 2, 2)
    assert volume[0].tolist() == [[-1024, 40], [-1024, 3071]]


def test_hu_volume_is_skipped_for_slices_of_different_sizes(tmp_path: Path) -> None:
    assert hu_volume([np.zeros((2, 2)), np.zeros((3, 2))]) is None
    assert not write_hu_volume([], tmp_path / "none.npy.gz")


def test_peak_slice_prefers_the_largest_bleed_then_the_score() -> None:
    report = {
        "slices": [
            {"index": 1, "probability": 0.9, "area_px": 0},
            {"index": 2, "probability": 0.6, "area_px": 40},
            {"index": 3, "probability": 0.7, "area_px": 10},
        ]
    }
    assert peak_slice(report) == 2
    scored = {
        "slices": [{"index": 1, "score": 0.2, "probability": 0.9}, {"index": 2, "score": 0.8}]
    }
    assert peak_slice(scored) == 2
    assert peak_slice({"slices": []}) is None


def test_study_facts_never_carry_patient_identity() -> None:
    report = {
        "input": {
            "format": "dicom",
            "patient_name": "DOE^JANE",
            "patient_id": "123",
            "study_date": "2000-01-01",
            "series_description": "",
        }
    }
    assert study_facts(report) == {"format": "dicom", "study_date": "2000-01-01"}


def test_waits_are_worded_in_seconds_or_minutes() -> None:
    assert wait_text(1) == "1 second"
    assert wait_text(30) == "30 seconds"
    assert wait_text(899) == "15 minutes"
    assert wait_text(60) == "1 minute"
