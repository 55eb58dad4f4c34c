"""Zip archives: path escapes, links, bombs, entry caps, lying headers, corruption."""

from __future__ import annotations

import stat
import struct
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from scan_builders import assert_one_line, png_bytes

from ichseg.errors import InputError, LimitExceeded
from ichseg.readers import Limits, read_scan

SLICE = png_bytes(np.full((20, 20), 7, np.uint8))


def _zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("../evil.png", "'..'"),
        ("scan/../../evil.png", "'..'"),
        ("/etc/evil.png", "absolute"),
        ("C:/evil.png", "absolute"),
        ("..\\evil.png", "'..'"),
    ],
)
def test_rejects_entries_that_escape_the_archive(tmp_path: Path, entry: str, reason: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    path = _zip(work / "up.zip", [("1.png", SLICE), (entry, SLICE)])
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "up.zip", reason)
    assert not list(tmp_path.rglob("evil.png"))


def test_rejects_symlink_entries(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("2.png")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = _zip(tmp_path / "link.zip", [("1.png", SLICE), (link, b"/etc/passwd")])
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "symbolic link")


def test_rejects_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.zip", [("1.png", SLICE), ("2.png", b"\0" * (20 << 20))])
    start = time.perf_counter()
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path)
    assert time.perf_counter() - start < 2.0
    assert_one_line(exc, "zip bomb")


def test_rejects_zip_declaring_more_than_max_total_bytes(tmp_path: Path) -> None:
    noise = np.random.default_rng(0).integers(0, 255, 50_000, dtype=np.uint8).tobytes()
    path = _zip(tmp_path / "big.zip", [("1.png", SLICE), ("2.bin", noise)])
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_total_bytes=20_000))
    assert_one_line(exc, "uncompressed bytes")


def test_rejects_too_many_entries(tmp_path: Path) -> None:
    path = _zip(tmp_path / "crowd.zip", [(f"{i}.png", SLICE) for i in range(6)])
    with pytest.raises(LimitExceeded) as exc:
        read_scan(path, Limits(max_zip_entries=5))
    assert_one_line(exc, "6 entries")


def test_header_that_understates_the_size_is_caught(tmp_path: Path) -> None:
    payload = np.random.default_rng(0).integers(0, 255, 4000, dtype=np.uint8).tobytes()
    path = _zip(tmp_path / "liar.zip", [("1.png", payload)])
    data = bytearray(path.read_bytes())
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 100)  # uncompressed size in the local header
    struct.pack_into("<I", data, central + 24, 100)  # ... and in the central directory
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "liar.zip")


def test_rejects_truncated_zip(tmp_path: Path) -> None:
    path = _zip(tmp_path / "cut.zip", [(f"{i}.png", SLICE) for i in range(3)])
    path.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "cut.zip")


def test_rejects_empty_zip(tmp_path: Path) -> None:
    path = tmp_path / "none.zip"
    zipfile.ZipFile(path, "w").close()
    with pytest.raises(InputError) as exc:
        read_scan(path)
    assert_one_line(exc, "unsupported or empty input")


def test_duplicate_read_of_the_same_zip_is_harmless(tmp_path: Path) -> None:
    path = _zip(tmp_path / "ok.zip", [("2.png", SLICE), ("1.png", SLICE)])
    first, second = read_scan(path), read_scan(path)
    assert len(first) == len(second) == 2
    assert path.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["ok.zip"]
