"""DICOM series: order by position, HU, spacing, zips, and bad series."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
from scan_builders import assert_one_line, write_dicom

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers import Limits, read_scan


def _series(folder: Path, n: int = 5, step: float = 2.5, **kwargs: object) -> None:
    """Slice k (anatomical order) holds stored value 1000 + k and sits at z = 10 + k*step.

    File names and InstanceNumbers deliberately disagree with the anatomical order.
    """
    names = [f"{name}.dcm" for name in ("c", "a", "e", "b", "d", "f", "g")[:n]]
    for k in range(n):
        write_dicom(
            folder / names[k],
            np.full((16, 20), 1000 + k, np.int16),
            position=(-5.0, -6.0, 10.0 + k * step),
            instance=n - k,  # reversed
            **kwargs,  # type: ignore[arg-type]
        )


def test_series_is_ordered_by_position_not_names_or_instance_numbers(tmp_path: Path) -> None:
    _series(tmp_path / "ct", slope=1.0, intercept=-1024.0)
    scan = read_scan(tmp_path / "ct")
    assert [float(s[0, 0]) for s in scan.slices] == [1000 + k - 1024.0 for k in range(5)]
    assert scan.is_hu is True and scan.slices[0].dtype == np.float32
    assert scan.slices[0].shape == (16, 20)
    assert scan.source["order"] == "position" and scan.source["format"] == "dicom"


def test_hu_spacing_and_thickness_are_kept(tmp_path: Path) -> None:
    _series(tmp_path / "ct", slope=2.0, intercept=-2000.0, spacing=(0.7, 0.6), thickness=5.0)
    scan = read_scan(tmp_path / "ct")
    assert float(scan.slices[0][0, 0]) == 2 * 1000 - 2000.0
    assert scan.pixel_spacing_mm == (0.7, 0.6)
    assert scan.slice_thickness_mm == pytest.approx(2.5)  # from positions, not SliceThickness
    assert scan.voxel_volume_ml == pytest.approx(0.7 * 0.6 * 2.5 / 1000)


def test_thickness_falls_back_to_slice_thickness_for_one_slice(tmp_path: Path) -> None:
    path = write_dicom(tmp_path / "one.dcm", np.zeros((16, 16)), thickness=3.0)
    scan = read_scan(path)
    assert len(scan) == 1 and scan.slice_thickness_mm == 3.0
    assert scan.source["container"] == "file"


def test_oblique_series_is_ordered_along_its_normal(tmp_path: Path) -> None:
    # Sagittal slices: rows along -z... normal = row x col = (0,1,0) x (0,0,-1) = (-1,0,0).
    folder = tmp_path / "sag"
    for k, x in enumerate((30.0, 10.0, 20.0)):
        write_dicom(
            folder / f"{k}.dcm",
            np.full((16, 16), int(x), np.int16),
            position=(x, 0.0, 0.0),
            orientation=(0, 1, 0, 0, 0, -1),
            instance=k + 1,
            intercept=0.0,
        )
    scan = read_scan(folder)
    assert [float(s[0, 0]) for s in scan.slices] == [30.0, 20.0, 10.0]
    assert scan.slice_thickness_mm == pytest.approx(10.0)


def test_instance_number_is_the_fallback_without_positions(tmp_path: Path) -> None:
    folder = tmp_path / "nopos"
    for k, inst in enumerate((3, 1, 2)):
        write_dicom(
            folder / f"{k}.dcm",
            np.full((16, 16), inst, np.int16),
            position=None,
            orientation=None,
            instance=inst,
            intercept=0.0,
        )
    scan = read_scan(folder)
    assert [float(s[0, 0]) for s in scan.slices] == [1.0, 2.0, 3.0]
    assert scan.source["order"] == "instance_number"
    assert scan.slice_thickness_mm == 5.0  # SliceThickness


def test_zip_of_a_series_is_read(tmp_path: Path) -> None:
    _series(tmp_path / "ct")
    path = tmp_path / "ct.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted((tmp_path / "ct").iterdir()):
            zf.write(f, f"export/{f.stem}")  # no extension: detected by the DICM preamble
    scan = read_scan(path)
    assert [float(s[0, 0]) for s in scan.slices] == [1000 + k - 1024.0 for k in range(5)]
    assert scan.source["container"] == "zip" and scan.source["name"] == "ct.zip"


def test_source_never_holds_patient_identifiers_or_paths(tmp_path: Path) -> None:
    _series(tmp_path / "ct")
    text = repr(read_scan(tmp_path / "ct").source)
    for secret in ("Doe", "SECRET-ID-42", "19700101", str(tmp_path)):
        assert secret not in text
    # kept apart, for report.json only (the viewer shows them when the user asks)
    assert read_scan(tmp_path / "ct").patient == {
        "patient_name": "Doe^Jane",
        "patient_id": "SECRET-ID-42",
    }


def test_the_same_image_twice_is_counted_once(tmp_path: Path) -> None:
    folder = tmp_path / "dup"
    write_dicom(folder / "1.dcm", np.zeros((16, 16)), position=(0, 0, 0), sop_uid="1.2.3.9.1")
    write_dicom(folder / "2.dcm", np.zeros((16, 16)), position=(0, 0, 5), sop_uid="1.2.3.9.2")
    (folder / "2 copy.dcm").write_bytes((folder / "2.dcm").read_bytes())
    assert len(read_scan(folder)) == 2


def test_dicom_without_preamble_named_dcm_is_read(tmp_path: Path) -> None:
    path = write_dicom(tmp_path / "raw.dcm", np.full((16, 16), 5, np.int16), preamble=False)
    assert float(read_scan(path).slices[0][0, 0]) == 5 - 1024.0


def test_rejects_file_without_pixel_data(tmp_path: Path) -> None:
    folder = tmp_path / "ct"
    _series(folder, n=2)
    write_dicom(folder / "z.dcm", np.zeros((16, 16)), position=(0, 0, 99), with_pixels=False)
    with pytest.raises(InputError) as exc:
        read_scan(folder)
    assert_one_line(exc, "z.dcm", "without pixel data")


def test_rejects_zip_with_two_series(tmp_path: Path) -> None:
    _series(tmp_path / "a", n=2, series_uid="1.2.3.1")
    _series(tmp_path / "b", n=3, series_uid="1.2.3.2")
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for f in sorted(tmp_path.glob("[ab]/*.dcm")):
            zf.write(f, f"{f.parent.name}/{f.name}")
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "2 DICOM series")


def test_rejects_non_ct_modality(tmp_path: Path) -> None:
    _series(tmp_path / "mr", n=2, modality="MR")
    with pytest.raises(InputError) as exc:
        read_scan(tmp_path / "mr")
    assert_one_line(exc, "MR", "not CT")


def test_rejects_random_bytes_named_dcm_in_a_series(tmp_path: Path) -> None:
    folder = tmp_path / "ct"
    _series(folder, n=2)
    (folder / "broken.dcm").write_bytes(b"\0" * 128 + b"DICM" + b"\xff" * 64)
    with pytest.raises(InputError) as exc:
        read_scan(folder)
    assert_one_line(exc, "broken.dcm")


def test_rejects_too_many_slices(tmp_path: Path) -> None:
    _series(tmp_path / "ct", n=4)
    with pytest.raises(LimitExceeded) as exc:
        read_scan(tmp_path / "ct", Limits(max_slices=3))
    assert_one_line(exc, "more than 3 slices")


def test_rejects_tiny_slices(tmp_path: Path) -> None:
    path = write_dicom(tmp_path / "tiny.dcm", np.zeros((4, 4)))
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "too small", "4x4")


def test_rejects_slices_with_different_orientations(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write_dicom(folder / "1.dcm", np.zeros((16, 16)), position=(0, 0, 0))
    write_dicom(
        folder / "2.dcm", np.zeros((16, 16)), position=(0, 0, 5), orientation=(0, 1, 0, 0, 0, -1)
    )
    with pytest.raises(InputError) as exc:
        read_scan(folder)
    assert_one_line(exc, "different orientations")


def test_rle_compressed_series_is_decoded(tmp_path: Path) -> None:
    import pydicom
    from pydicom.uid import RLELossless

    path = write_dicom(tmp_path / "rle.dcm", np.arange(256, dtype=np.int16).reshape(16, 16))
    ds = pydicom.dcmread(path)
    ds.compress(RLELossless)
    ds.save_as(path)
    scan = read_scan(path)
    assert scan.slices[0][0, :3].tolist() == [-1024.0, -1023.0, -1022.0]
    assert scan.source["transfer_syntax"] == RLELossless


def test_rejects_compression_without_a_decoder_in_one_line(tmp_path: Path) -> None:
    import pydicom
    from pydicom.encaps import encapsulate
    from pydicom.uid import JPEGLosslessSV1

    path = write_dicom(tmp_path / "jpeg.dcm", np.zeros((16, 16), np.int16))
    ds = pydicom.dcmread(path)
    ds.file_meta.TransferSyntaxUID = JPEGLosslessSV1
    ds.PixelData = encapsulate([b"\xff\xd8 not really a jpeg \xff\xd9"])
    ds["PixelData"].VR = "OB"
    ds.save_as(path)
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "jpeg.dcm", "cannot decode pixel data", "JPEG Lossless")
