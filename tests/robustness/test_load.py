"""The load script with tiny numbers against a real ``ichseg serve`` on 127.0.0.1."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_test.py"


@pytest.fixture(scope="module")
def load_test() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ichseg_load_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_concurrent_users_lose_no_job_and_the_queue_drains(
    load_test: ModuleType, band_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan, name = load_test.make_scan(tmp_path, slices=6)
    with load_test.spawn_server(tmp_path / "data", band_model, workers=2) as url:
        result = load_test.run_load(
            url, scan, name, users=3, uploads=2, max_requests=400, max_seconds=120
        )
    load_test.print_report(result, 3, 2, 2)
    out = capsys.readouterr().out

    assert result.ok, out
    assert len(result.jobs) == 6 and len(set(result.jobs)) == 6
    assert result.done == 6 and result.lost == 0 and result.queue_left == 0
    assert "p50" in out and "p99" in out and "OK: no job lost" in out
    assert result.requests <= 400


def test_request_cap_stops_the_run_and_says_so(
    load_test: ModuleType, band_model: Path, tmp_path: Path
) -> None:
    scan, name = load_test.make_scan(tmp_path, slices=5)
    with load_test.spawn_server(tmp_path / "data", band_model, workers=1) as url:
        result = load_test.run_load(
            url, scan, name, users=2, uploads=3, max_requests=5, max_seconds=60
        )
    assert result.capped == "request cap reached"
    assert result.requests == 5
    assert not result.ok


def test_percentiles_of_known_values(load_test: ModuleType) -> None:
    p50, p90, p99 = load_test.percentiles([float(v) for v in range(1, 101)])
    assert (round(p50, 2), round(p90, 2), round(p99, 2)) == (50.5, 90.1, 99.01)
