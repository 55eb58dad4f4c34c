"""Every bad input through ``python -m ichseg segment``, in a memory-capped subprocess.

Contract: exit status 2, exactly one line on stderr that names the problem, no traceback,
no output folder and no staging folder left behind, and the process stays within a fixed
address-space cap (``RLIMIT_AS``) and a peak-RSS bound.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from robustness.corpus import CASES, HEAVY_CASES, Case

#: Address-space cap of each CLI run: a reader that trusted a 50000x50000 header or a
#: zip bomb would need far more, and die with MemoryError instead of a clean refusal.
ADDRESS_SPACE_CAP = 3 * 1024**3
#: Peak resident memory a refusal may use (imports + ONNX Runtime + the tiny model).
PEAK_RSS_BOUND_MB = 700
REPO = Path(__file__).resolve().parents[2]
#: Runs the CLI, then records the process's own peak RSS (VmHWM of the exec'd image; the
#: rusage of a forked child would also count the pytest parent's pages from before exec).
LAUNCHER = """
import sys
from pathlib import Path
from ichseg.cli import main
try:
    code = main(sys.argv[1:])
finally:
    status = Path("/proc/self/status").read_text()
    hwm = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    Path("peak_rss_kb.txt").write_text(hwm)
sys.exit(code)
"""


def _limits(max_file_bytes: int | None) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))
        if max_file_bytes is not None:  # a full disk: writes fail with EFBIG, no signal
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return apply


def run_cli(
    args: list[str], cwd: Path, timeout: float = 60.0, max_file_bytes: int | None = None
) -> tuple[int, str, str, float]:
    """Run ``python -m ichseg ARGS`` under the memory cap (and a file-size cap if given).

    Returns:
        ``(exit status, stdout, stderr, peak RSS in MB)``.
    """
    env = {k: v for k, v in os.environ.items() if k != "ICHSEG_DEBUG"}
    env["PYTHONPATH"] = str(REPO)
    out_path, err_path = cwd / "stdout.txt", cwd / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env=env,
            preexec_fn=_limits(max_file_bytes),
        )
        deadline = time.monotonic() + timeout
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                pytest.fail(f"ichseg {' '.join(args)} ran longer than {timeout} s")
            time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_file = cwd / "peak_rss_kb.txt"
    peak_mb = int(peak_file.read_text()) / 1024 if peak_file.exists() else float("inf")
    return proc.returncode, out_path.read_text(), err_path.read_text(), peak_mb


@pytest.mark.parametrize(
    "case",
    [*CASES, *(pytest.param(c, marks=pytest.mark.slow) for c in HEAVY_CASES)],
    ids=[c.name for c in [*CASES, *HEAVY_CASES]],
)
def test_cli_refuses_bad_input_cleanly(
    case: Case, corpus: dict[str, Path], band_model: Path, tmp_path: Path
) -> None:
    out = tmp_path / "result"
    code, stdout, stderr, peak_mb = run_cli(
        ["segment", str(corpus[case.name]), "-o", str(out), "--model", str(band_model), "-q"],
        tmp_path,
    )
    lines = stderr.splitlines()
    assert code == 2, f"exit {code}, stderr: {stderr}"
    assert len(lines) == 1, stderr
    assert lines[0].startswith("ichseg: error: ")
    assert case.expect in lines[0].lower(), lines[0]
    assert "Traceback" not in stderr + stdout
    assert str(corpus[case.name].parent) not in lines[0], "the message shows a local path"
    assert not out.exists(), "an output folder was left behind"
    assert not list(tmp_path.glob(".result*")), "a staging folder was left behind"
    # Heavy cases too: declared sizes are charged to the byte budget before any decoding.
    assert peak_mb < PEAK_RSS_BOUND_MB, f"peak RSS {peak_mb:.0f} MB"


def test_zip_entries_never_land_outside_the_archive(
    corpus: dict[str, Path], band_model: Path, tmp_path: Path
) -> None:
    for name in ("zip_dotdot_entry", "zip_absolute_entry", "zip_symlink_entry"):
        work = tmp_path / name / "a" / "b"
        work.mkdir(parents=True)
        code, _, _, _ = run_cli(
            ["segment", str(corpus[name]), "-o", str(work / "out"), "--model", str(band_model)],
            work,
        )
        assert code == 2
    written = {p.name for p in tmp_path.rglob("evil.png")}
    assert not written
    assert not Path("/tmp/evil.png").exists()


def test_cli_still_segments_a_good_scan_under_the_same_cap(
    phantom_dir: Path, band_model: Path, tmp_path: Path
) -> None:
    out = tmp_path / "result"
    code, _, stderr, peak_mb = run_cli(
        ["segment", str(phantom_dir / "phantom_dicom"), "-o", str(out), "--model",
         str(band_model), "-q"],
        tmp_path,
    )  # fmt: skip
    assert code == 0, stderr
    assert (out / "report.json").is_file()
    assert peak_mb < PEAK_RSS_BOUND_MB


def test_disk_filling_up_mid_run_leaves_no_output_that_looks_complete(
    phantom_dir: Path, band_model: Path, tmp_path: Path
) -> None:
    out = tmp_path / "result"
    code, stdout, stderr, _ = run_cli(
        ["segment", str(phantom_dir / "phantom.nii.gz"), "-o", str(out), "--model",
         str(band_model), "-q"],
        tmp_path,
        max_file_bytes=100_000,  # masks fit, the overlay video does not
    )  # fmt: skip
    assert code == 1, stderr
    assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr + stdout
    assert "too large" in stderr.lower() or "no space" in stderr.lower()
    assert not out.exists()
    assert not list(tmp_path.glob(".result*"))
