"""Rename, delete and user-given spacing through the embedded server's API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.server.helpers import Api, png_zip_bytes

MakeApi = Callable[..., Api]


def _files_of(data_dir: Path, job_id: str) -> list[Path]:
    return [p for p in (data_dir / "store").rglob("*") if job_id in str(p)]


def test_rename_shows_the_new_name_and_keeps_the_upload_name(make_api: MakeApi) -> None:
    api = make_api()
    api.signup()
    job = api.upload(png_zip_bytes(2), "phantom.zip").json()
    headers = {"X-CSRF-Token": api.csrf}
    renamed = api.client.patch(
        f"/api/scans/{job['id']}", json={"name": "  Ward 3, bed 2 "}, headers=headers
    )
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Ward 3, bed 2"
    assert renamed.json()["filename"] == "phantom.zip"
    listed = api.get("/api/scans").json()["scans"][0]
    assert listed["name"] == "Ward 3, bed 2"
    cleared = api.client.patch(f"/api/scans/{job['id']}", json={"name": ""}, headers=headers)
    assert cleared.json()["name"] == "phantom.zip"
    too_long = api.client.patch(
        f"/api/scans/{job['id']}", json={"name": "x" * 121}, headers=headers
    )
    assert too_long.status_code == 400


def test_delete_removes_the_upload_every_result_file_and_the_row(
    make_api: MakeApi, tmp_path: Path
) -> None:
    api = make_api(workers=1)
    api.signup()
    job = api.upload(png_zip_bytes(4), "gone.zip").json()
    assert api.wait_for(job["id"])["status"] == "done"
    data_dir = tmp_path / "data"
    assert any(p.name == "report.json" for p in _files_of(data_dir, job["id"]))
    deleted = api.client.delete(f"/api/scans/{job['id']}", headers={"X-CSRF-Token": api.csrf})
    assert deleted.status_code == 200
    assert _files_of(data_dir, job["id"]) == []
    assert api.get("/api/scans").json()["scans"] == []
    assert api.get(f"/api/scans/{job['id']}").status_code == 404
    assert api.get(f"/api/scans/{job['id']}/files/report.json").status_code == 404


def test_another_user_can_neither_rename_nor_delete(make_api: MakeApi) -> None:
    owner = make_api()
    owner.signup("owner@example.org")
    job = owner.upload(png_zip_bytes(2)).json()
    intruder = make_api()
    intruder.signup("intruder@example.org")
    headers = {"X-CSRF-Token": intruder.csrf}
    assert intruder.client.delete(f"/api/scans/{job['id']}", headers=headers).status_code == 404
    patched = intruder.client.patch(f"/api/scans/{job['id']}", json={"name": "x"}, headers=headers)
    assert patched.status_code == 404
    assert owner.get(f"/api/scans/{job['id']}").status_code == 200


def test_spacing_given_at_upload_gives_png_scans_a_volume(make_api: MakeApi) -> None:
    api = make_api(workers=1)
    api.signup()
    created = api.post(
        "/api/scans",
        files={"file": ("slices.zip", png_zip_bytes(6), "application/zip")},
        data={"pixel_spacing_mm": "0.5", "slice_thickness_mm": "5"},
    )
    assert created.status_code == 201, created.text
    job = api.wait_for(created.json()["id"])
    assert job["status"] == "done"
    report = api.get(f"/api/scans/{job['id']}/files/report.json").json()
    assert report["input"]["pixel_spacing_mm"] == [0.5, 0.5]
    assert report["input"]["slice_thickness_mm"] == 5.0
    assert report["input"]["spacing_from"] == "user"
    assert isinstance(report["scan"]["volume_ml"], float)
    assert job["summary"]["study"]["pixel_spacing_mm"] == [0.5, 0.5]


def test_spacing_at_upload_must_be_complete_and_plausible(make_api: MakeApi) -> None:
    api = make_api()
    api.signup()
    for data, message in (
        ({"pixel_spacing_mm": "0.5"}, "or neither"),
        ({"pixel_spacing_mm": "50", "slice_thickness_mm": "5"}, "between"),
        ({"pixel_spacing_mm": "abc", "slice_thickness_mm": "5"}, "between"),
    ):
        response = api.post(
            "/api/scans", files={"file": ("s.zip", png_zip_bytes(2), "application/zip")}, data=data
        )
        assert response.status_code == 400 and message in response.json()["error"]


def test_hu_volume_is_served_for_nifti_and_matches_the_scan(
    make_api: MakeApi, phantom_dir: Path
) -> None:
    import gzip
    import io

    import numpy as np

    api = make_api(workers=1)
    api.signup()
    data = (phantom_dir / "phantom.nii.gz").read_bytes()
    job = api.wait_for(api.upload(data, "phantom.nii.gz").json()["id"])
    report = api.get(f"/api/scans/{job['id']}/files/report.json").json()
    assert report["files"]["hu_volume"] == "hu.npy.gz"
    body = api.get(f"/api/scans/{job['id']}/files/hu.npy.gz").content
    volume = np.load(io.BytesIO(gzip.decompress(body)))
    assert volume.dtype == np.int16 and volume.shape == (24, 256, 256)
    assert volume.min() >= -1024 and 600 < volume.max() <= 3071
    assert (
        job["summary"]["peak_slice"] == max(report["slices"], key=lambda s: s["area_px"])["index"]
    )
    assert job["summary"]["slices_with_bleed"] == len(report["scan"]["bleeding_slices"])


def test_format_native_results_are_served_beside_the_others(
    make_api: MakeApi, phantom_dir: Path
) -> None:
    """A DICOM upload's SEG and SR, a NIfTI upload's mask: what a PACS or viewer loads."""
    import gzip
    import io
    import zipfile

    import pydicom

    api = make_api(workers=1)
    api.signup()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for path in sorted((phantom_dir / "phantom_dicom").iterdir()):
            archive.write(path, f"series/{path.name}")
    job = api.wait_for(api.upload(buf.getvalue(), "series.zip").json()["id"])
    report = api.get(f"/api/scans/{job['id']}/files/report.json").json()
    assert report["files"]["dicom_seg"] == "dicom/seg.dcm"
    for name, sop_class in (
        ("dicom/seg.dcm", "1.2.840.10008.5.1.4.1.1.66.4"),
        ("dicom/sr.dcm", "1.2.840.10008.5.1.4.1.1.88.34"),
    ):
        response = api.get(f"/api/scans/{job['id']}/files/{name}?download=1")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/dicom"
        assert "attachment" in response.headers["content-disposition"]
        assert pydicom.dcmread(io.BytesIO(response.content)).SOPClassUID == sop_class
    assert api.get(f"/api/scans/{job['id']}/files/mask.nii.gz").status_code == 404

    nifti = api.wait_for(
        api.upload((phantom_dir / "phantom.nii.gz").read_bytes(), "phantom.nii.gz").json()["id"]
    )
    body = api.get(f"/api/scans/{nifti['id']}/files/mask.nii.gz").content
    assert gzip.decompress(body)[:4] in (b"\x5c\x01\x00\x00", b"\x00\x00\x01\x5c")
    assert api.get(f"/api/scans/{nifti['id']}/files/dicom/seg.dcm").status_code == 404
