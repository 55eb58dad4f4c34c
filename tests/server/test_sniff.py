from __future__ import annotations

import gzip
import io
import zipfile

import nibabel as nib
import numpy as np
import pytest

from ichseg.server.sniff import sniff, stored_name


def _nifti(gz: bool) -> bytes:
    img = nib.Nifti1Image(np.zeros((16, 16, 2), np.int16), np.eye(4))
    raw = img.to_bytes()
    return gzip.compress(raw) if gz else raw


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.png", b"x")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"\0\0\0\x20ftypisom" + b"\0" * 20, "scan.mp4", "mp4"),
        (b"\0\0\0\x14ftypqt  " + b"\0" * 20, "scan.mp4", "mov"),
        (b"\0\0\0\x20ftypisom" + b"\0" * 20, "scan.MOV", "mov"),
        (b"\x1a\x45\xdf\xa3" + b"\0" * 20, "scan.webm", "webm"),
        (b"RIFF\0\0\0\0AVI LIST" + b"\0" * 20, "scan.avi", "avi"),
        (_zip(), "slices.zip", "zip"),
        (b"\0" * 128 + b"DICM" + b"\0" * 20, "one.dcm", "dicom"),
        (_nifti(False), "head.nii", "nifti"),
        (_nifti(True), "head.nii.gz", "nifti-gz"),
    ],
)
def test_recognises_accepted_kinds_by_content(head: bytes, name: str, kind: str) -> None:
    assert sniff(head[:4096], name) == kind


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"hello world",
        b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
        b"\xff\xd8\xff\xe0" + b"\0" * 64,
        gzip.compress(b"not nifti at all" * 100),
        b"\x1f\x8b\x08\x00broken gzip",
        b"%PDF-1.7" + b"\0" * 400,
    ],
)
def test_refuses_everything_else(head: bytes) -> None:
    assert sniff(head, "scan.nii.gz") is None


@pytest.mark.parametrize(
    ("kind", "filename", "stored"),
    [
        ("zip", "notes.zip", "notes.zip"),
        ("nifti-gz", "Head CT (1).nii.gz", "Head_CT_1.nii.gz"),
        ("nifti", "brain.NII", "brain.nii"),
        ("mp4", "../../evil.MP4", "evil.mp4"),
        ("zip", "...", "input.zip"),
        ("dicom", "a/b\\c.dcm", "input/c.dcm"),
        ("webm", "clip", "clip.webm"),
    ],
)
def test_stored_name_keeps_a_safe_version_of_the_users_name(
    kind: str, filename: str, stored: str
) -> None:
    assert stored_name(kind, filename) == stored
