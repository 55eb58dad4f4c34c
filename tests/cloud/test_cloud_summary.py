"""The report summary that the cloud mirrors into Firestore for the scan list."""

from __future__ import annotations

from ichseg.cloud.process import summarise


def test_summary_lists_likely_subtypes_and_counts_slices_with_bleed() -> None:
    report = {
        "scan": {
            "haemorrhage": True,
            "probability": 0.97,
            "volume_ml": 3.25,
            "likely_subtypes": ["Subdural"],
        },
        "slices": [{"area_px": 0}, {"area_px": 40}, {"area_px": 12}],
        "model": {"name": "m", "version": "1", "sha256": "ab", "threshold": 0.4},
    }
    s = summarise(report)
    assert s == {
        "haemorrhage": True,
        "probability": 0.97,
        "volume_ml": 3.25,
        "slices": 3,
        "slices_with_bleed": 2,
        "likely_subtypes": ["Subdural"],
        "model": {"name": "m", "version": "1", "sha256": "ab"},
        "peak_slice": 2,
        "study": {},
    }


def test_summary_of_a_report_without_a_subtype_head_has_no_subtypes() -> None:
    s = summarise({"scan": {"haemorrhage": False, "probability": 0.1}, "slices": []})
    assert s["likely_subtypes"] == [] and s["volume_ml"] is None
