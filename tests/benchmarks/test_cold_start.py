"""The cold-start benchmark's fresh processes, for the pipeline and for the Lambda handler."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def cold_start(load_benchmark: Callable[[str], ModuleType]) -> ModuleType:
    return load_benchmark("cold_start")


@pytest.mark.parametrize("entry", ["pipeline", "lambda", "lambda-prepared"])
def test_each_entry_times_import_load_and_first_slice_in_a_fresh_process(
    cold_start: ModuleType,
    tiny_unet: Path,
    entry: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "argv", ["cold_start", "--model", str(tiny_unet), "--repeats", "1",
                                      "--entry", entry])  # fmt: skip
    cold_start.main()
    out = capsys.readouterr().out
    med = next(line for line in out.splitlines() if line.startswith(" med"))
    imported, load, *rest = [float(v) for v in med.split()[1:]]
    assert len(rest) == 3 and all(v > 0 for v in rest)  # first slice, total, process
    assert f"entry: {entry}" in out
    parts = [line for line in out.splitlines() if line.startswith("of the import, ")]
    names = [line.removeprefix("of the import, ").rsplit(":", 1)[0] for line in parts]
    assert (
        names
        == {
            "pipeline": [],
            "lambda": ["lambda init", "first invocation: SDKs and clients"],
            "lambda-prepared": ["lambda init, before any event"],
        }[entry]
    )
    if entry == "lambda-prepared":  # the event finds clients and model ready
        assert imported < 0.01 and load < 0.01
    else:
        assert imported > 0 and load > 0
    assert "av/scipy/pydicom/nibabel: none" in out  # no entry loads them before a scan
