from __future__ import annotations

from pathlib import Path

import pytest

from ichseg.adapters.local_storage import LocalBlobStore
from ichseg.errors import InputError, LimitExceeded


def test_put_get_exists_round_trip(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "store")
    src = tmp_path / "src.bin"
    src.write_bytes(b"hello scan")
    assert not store.exists("uploads/a/input.zip")
    store.put_file("uploads/a/input.zip", str(src))
    assert store.exists("uploads/a/input.zip")
    assert store.path_for("uploads/a/input.zip").read_bytes() == b"hello scan"
    dest = tmp_path / "out.bin"
    store.get_file("uploads/a/input.zip", str(dest))
    assert dest.read_bytes() == b"hello scan"
    # no temporary files are left beside the object
    assert [p.name for p in store.path_for("uploads/a").iterdir()] == ["input.zip"]


@pytest.mark.parametrize(
    "key",
    [
        "",
        "/etc/passwd",
        "../outside",
        "uploads/../../outside",
        "uploads/./x",
        "uploads//x",
        "uploads\\..\\x",
        "C:/windows",
        "bad\x00name",
    ],
)
def test_rejects_keys_that_escape_the_root(tmp_path: Path, key: str) -> None:
    store = LocalBlobStore(tmp_path / "store")
    with pytest.raises(InputError, match="invalid storage key"):
        store.path_for(key)


def test_rejects_key_through_a_symlink_out_of_the_root(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "store")
    (tmp_path / "elsewhere").mkdir()
    (store.root / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(InputError, match="invalid storage key"):
        store.path_for("link/file")


def test_get_file_refuses_objects_over_max_bytes(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "store")
    src = tmp_path / "big.bin"
    src.write_bytes(b"x" * 100)
    store.put_file("big", str(src))
    with pytest.raises(LimitExceeded, match="more than 10"):
        store.get_file("big", str(tmp_path / "out"), max_bytes=10)
    assert not (tmp_path / "out").exists()


def test_get_file_of_missing_object_is_a_clear_error(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "store")
    with pytest.raises(InputError, match="no such object: nothing/here"):
        store.get_file("nothing/here", str(tmp_path / "out"))


def test_delete_prefix_removes_folder_and_ignores_missing(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "store")
    src = tmp_path / "f"
    src.write_bytes(b"1")
    store.put_file("results/j/report.json", str(src))
    store.delete_prefix("results/j")
    assert not store.exists("results/j/report.json")
    store.delete_prefix("results/j")
