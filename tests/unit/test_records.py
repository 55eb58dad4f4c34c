"""The one report summary (server job list and cloud scan index) and the cloud scan record."""

from __future__ import annotations

from ichseg.records import BRIEF_FIELDS, summarise


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


def test_the_server_keeps_the_brief_fields_of_the_same_summary() -> None:
    report = {"scan": {"haemorrhage": True, "probability": 0.5}, "slices": [{"area_px": 3}]}
    full = summarise(report)
    assert summarise(report, BRIEF_FIELDS) == {k: full[k] for k in BRIEF_FIELDS}


def test_every_scan_record_state_stamps_updated_at() -> None:
    from datetime import UTC, datetime

    from ichseg.records import ScanRecord, SourceRef

    at = datetime(2026, 1, 1, tzinfo=UTC)
    src = SourceRef(bucket="b", key="uploads/u/s/f.zip", version_id=None)
    records = [
        ScanRecord.processing("f.zip", src, "lambda", at),
        ScanRecord.queued("f.zip", src, "arn:task", at),
        ScanRecord.failed("bad scan", "bad_input", at, filename="f.zip", source=src),
        ScanRecord.failed("gpu worker died", "internal", at),
        ScanRecord.done("f.zip", src, "gpu", {"prefix": "p/"}, {}, {"report": "u"}, at, at),
    ]
    for record in records:
        fields = record.fields()
        assert fields["updated_at"] == at and fields["status"] in {
            "processing",
            "queued",
            "failed",
            "done",
        }
    assert records[0].fields() == {
        "status": "processing",
        "filename": "f.zip",
        "source": {"bucket": "b", "key": "uploads/u/s/f.zip", "version_id": None},
        "runner": "lambda",
        "error": None,
        "updated_at": at,
    }
    assert set(records[3].fields()) == {"status", "error", "error_code", "updated_at"}


def test_renewed_links_touch_only_the_links() -> None:
    from datetime import UTC, datetime

    from ichseg.records import ScanRecord

    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert ScanRecord.renewed_links({"report": "u"}, at).fields() == {
        "links": {"report": "u"},
        "links_expire_at": at,
    }


def test_the_summary_names_the_study_but_never_the_patient() -> None:
    report = {
        "scan": {"haemorrhage": False, "probability": 0.1},
        "slices": [{"index": 1, "area_px": 0}],
        "input": {
            "format": "dicom",
            "patient_name": "DOE^JANE",
            "patient_id": "123",
            "study_date": "2000-01-01",
            "series_description": "",
        },
    }
    for fields in (None, BRIEF_FIELDS):
        s = summarise(report, fields)
        assert s["study"] == {"format": "dicom", "study_date": "2000-01-01"}
        assert "DOE" not in repr(s) and "123" not in repr(s)
