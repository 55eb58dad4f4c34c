"""The format registry: one entry per input format, and every layer accepts exactly its list."""

from __future__ import annotations

import gzip
from pathlib import Path

import nibabel as nib
import numpy as np
import pytest

from ichseg import formats
from ichseg.formats import FORMATS, upload_content_types, upload_formats, upload_suffixes


def _nifti() -> bytes:
    return nib.Nifti1Image(np.zeros((16, 16, 2), np.int16), np.eye(4)).to_bytes()


PAD = b"\0" * 600
#: One file head per registry format; the registry test below fails when a format is added
#: without a sample here.
SAMPLES: dict[str, tuple[bytes, str]] = {
    "mp4": (b"\0\0\0\x20ftypisom" + PAD, "scan.mp4"),
    "mov": (b"\0\0\0\x14ftypqt  " + PAD, "scan.mov"),
    "avi": (b"RIFF\0\0\0\0AVI LIST" + PAD, "scan.avi"),
    "webm": (b"\x1a\x45\xdf\xa3" + PAD, "scan.webm"),
    "zip": (b"PK\x03\x04" + PAD, "slices.zip"),
    "dicom": (b"\0" * 128 + b"DICM" + PAD, "slice.dcm"),
    "nifti": (_nifti()[:4096], "head.nii"),
    "nifti-gz": (gzip.compress(_nifti())[:4096], "head.nii.gz"),
    "images": (b"\x89PNG\r\n\x1a\n" + PAD, "slice.png"),
}


def test_every_format_has_a_sample_and_a_reader_family() -> None:
    assert set(SAMPLES) == {f.name for f in FORMATS}
    for fmt in FORMATS:
        family = formats.FAMILIES[fmt.family]
        assert fmt.suffixes and all(s == s.lower() and s.startswith(".") for s in fmt.suffixes)
        assert fmt.content_types
        assert family.name == "zip" or family.reader


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_registry_sniffs_each_format_from_its_content(name: str) -> None:
    head, filename = SAMPLES[name]
    found = formats.sniff(head, filename)
    assert found is not None and found.name == name
    # content decides, not the name
    found = formats.sniff(head, "renamed.bin")
    assert found is not None and found.family == formats.BY_NAME[name].family


def test_magic_bytes_of_different_formats_do_not_overlap() -> None:
    for name, (head, filename) in SAMPLES.items():
        matches = [f.name for f in FORMATS if f.magic(head, filename)]
        assert matches == [name]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_readers_recognise_exactly_the_registry_formats(name: str) -> None:
    from ichseg.readers.detect import sniff

    head, filename = SAMPLES[name]
    kind = sniff(head, filename)
    family = formats.BY_NAME[name].family
    assert kind == ("image" if family == "images" else family)


def test_the_server_accepts_exactly_the_registry_uploads() -> None:
    from ichseg.server.sniff import ACCEPTED, sniff, stored_name

    accepted = {name for name, (head, fn) in SAMPLES.items() if sniff(head, fn) is not None}
    assert accepted == {f.name for f in upload_formats()}
    for fmt in upload_formats():
        stored = stored_name(fmt.name, "My Scan" + fmt.suffixes[-1])
        assert stored.endswith(fmt.suffixes[0]) and "My_Scan" in stored
    assert formats.describe_uploads() == ACCEPTED


def test_the_cloud_accepts_exactly_the_registry_uploads() -> None:
    from ichseg.cloud.settings import CloudSettings
    from ichseg.cloud.uploads import normalise_suffix

    settings = CloudSettings()
    assert settings.upload_suffixes == upload_suffixes()
    assert set(settings.content_types) == set(upload_content_types())
    for fmt in upload_formats():
        assert set(fmt.content_types) <= set(settings.content_types)
        for suffix in fmt.suffixes:
            name = "Scan" + suffix.upper()
            assert normalise_suffix(name, settings.upload_suffixes) == "Scan" + suffix


def test_webm_is_accepted_by_every_layer_the_drift_that_motivated_the_registry() -> None:
    from ichseg.cloud.settings import CloudSettings
    from ichseg.server.sniff import sniff
    from infra.config import InfraConfig

    assert ".webm" in CloudSettings().upload_suffixes
    assert "video/webm" in CloudSettings().content_types
    assert ".webm" in InfraConfig().upload_suffixes
    assert sniff(*SAMPLES["webm"]) == "webm"
    assert ".webm" in formats.web_module()


def test_the_cdk_config_filters_exactly_the_registry_suffixes() -> None:
    from infra.config import InfraConfig

    assert InfraConfig().upload_suffixes == list(upload_suffixes())


def test_the_web_app_module_is_generated_from_the_registry() -> None:
    assert formats.WEB_MODULE.read_text(encoding="utf-8") == formats.web_module(), (
        "run: python -m ichseg.formats"
    )
    assert formats.main(["--check"]) == 0
    text = formats.web_module()
    exts = {line.split('"')[1] for line in text.splitlines() if line.strip().startswith("{ ext:")}
    assert exts == set(upload_suffixes())


def test_the_web_app_imports_its_list_from_the_generated_module() -> None:
    js = Path(formats.WEB_MODULE).parent
    files = (js / "files.js").read_text(encoding="utf-8")
    assert "from './formats.js'" in files
    assert ".mp4" not in files and ".nii" not in files  # no list of its own


def test_upload_description_lists_every_accepted_family() -> None:
    text = formats.describe_uploads()
    assert text == (
        "a video (mp4, mov, avi, webm), a .zip of DICOM or PNG/JPEG slices, "
        "a DICOM file, or NIfTI (.nii, .nii.gz)"
    )


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"", ""),
        (b"hello world" * 10, "scan.mp4"),
        (b"\0\0\0\x1cftypavif" + PAD, "photo.mp4"),
        (gzip.compress(b"not nifti at all" * 100), "scan.nii.gz"),
        (b"\x08\x00\x05\x00CS" + PAD, "slice.bin"),
    ],
)
def test_registry_refuses_unknown_content(head: bytes, name: str) -> None:
    assert formats.sniff(head, name) is None
