"""count_slices: the slice count from headers agrees with what read_scan returns."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ichseg.errors import InputError
from ichseg.phantom import write_phantom
from ichseg.readers import count_slices, read_scan


@pytest.fixture(scope="module")
def phantom(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return write_phantom(tmp_path_factory.mktemp("p"), n_slices=12, size=64, seed=3)


def test_dicom_and_nifti_counts_match_the_reader(phantom: dict) -> None:
    for key in ("dicom", "nifti"):
        assert count_slices(Path(phantom[key])) == len(read_scan(Path(phantom[key]))) == 12


def test_png_zip_counts_its_slices(tmp_path: Path) -> None:
    archive = tmp_path / "s.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(5):
            png = tmp_path / f"{i}.png"
            Image.fromarray(np.full((32, 32), i * 40, np.uint8)).save(png)
            zf.write(png, f"scan/{i}.png")
    assert count_slices(archive) == len(read_scan(archive)) == 5


def test_video_count_comes_from_the_container(tmp_path: Path) -> None:
    import av

    path = tmp_path / "v.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=5)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for i in range(9):
            frame = av.VideoFrame.from_ndarray(
                np.full((64, 64, 3), i * 20, np.uint8), format="rgb24"
            )
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    assert count_slices(path) == len(read_scan(path)) == 9


def test_unsupported_input_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "x.bin"
    junk.write_bytes(b"\x01\x02" * 64)
    with pytest.raises(InputError):
        count_slices(junk)
