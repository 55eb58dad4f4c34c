"""Upload key layout: what is accepted, what is refused."""

from __future__ import annotations

import pytest

from ichseg.cloud.keys import parse_upload_key, results_prefix, upload_prefix
from ichseg.errors import InputError


@pytest.mark.parametrize(
    ("key", "uid", "scan", "name"),
    [
        ("uploads/u1/s1/scan.zip", "u1", "s1", "scan.zip"),
        ("uploads/Ab-9_x/abc123/my head scan.nii.gz", "Ab-9_x", "abc123", "my head scan.nii.gz"),
    ],
)
def test_upload_keys_parse(key, uid, scan, name):
    up = parse_upload_key(key)
    assert (up.uid, up.scan_id, up.filename) == (uid, scan, name)
    assert up.key == key
    assert up.results_prefix == f"results/{uid}/{scan}/"


@pytest.mark.parametrize(
    "key",
    [
        "results/u1/s1/report.json",
        "uploads/u1/scan.zip",
        "uploads/u1/s1/sub/scan.zip",
        "uploads/u1/s1/../x.zip",
        "uploads/u1/s1/.hidden",
        "uploads/u 1/s1/scan.zip",
        "uploads//s1/scan.zip",
        "uploads/u1/s1/",
        "uploads/u1/s1/" + "a" * 300,
    ],
)
def test_keys_outside_the_layout_are_refused(key):
    with pytest.raises(InputError):
        parse_upload_key(key)


def test_prefixes_end_with_a_slash_so_users_cannot_share_one():
    assert upload_prefix("u1", "s1") == "uploads/u1/s1/"
    assert not "uploads/u10/s1/x".startswith(upload_prefix("u1", "s1"))
    assert results_prefix("u1", "s1") == "results/u1/s1/"
