"""Every bad input through the segment Lambda handler on moto (S3, DynamoDB markers).

Contract: the handler returns normally (a bad scan is not retried, so no retry loop and
nothing in the dead-letter queue), the scan document (the Firestore twin) says ``failed``
with a one-line message and an error code, the results bucket stays empty, and a
redelivered event is a harmless duplicate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from functions.segment import handler
from robustness.conftest import UPLOADS, Cloud, FakeContext, s3_event
from robustness.corpus import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_lambda_marks_bad_upload_failed_without_raising(
    case: Case,
    corpus: dict[str, Path],
    cloud: Cloud,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deps = cloud.deps()
    monkeypatch.setattr(handler, "get_deps", lambda: deps)
    path = corpus[case.name]
    scan_id = case.name.replace("_", "-")
    key = f"uploads/robust-user/{scan_id}/{path.name}"
    version = cloud.put(key, path.read_bytes())
    event = s3_event(UPLOADS, key, version, path.stat().st_size)

    out = handler.lambda_handler(event, FakeContext())  # must not raise

    (outcome,) = out["outcomes"]
    assert outcome["status"] == "failed"
    doc = deps.index.get_scan("robust-user", scan_id)
    assert doc["status"] == "failed"
    message = doc["error"]
    assert message and "\n" not in message and "Traceback" not in message
    assert case.expect in message.lower(), message
    assert str(cloud.work_dir) not in message
    assert doc["error_code"] == ("too_large" if case.too_large else "bad_input")
    assert "links" not in doc and "summary" not in doc
    assert cloud.result_keys() == []
    assert not list(cloud.work_dir.glob("ichseg-*")), "scratch files left in /tmp"

    again = handler.lambda_handler(event, FakeContext())
    assert again["outcomes"] == [{**outcome, "duplicate": True}]
    assert len(cloud.segmented) <= 1
