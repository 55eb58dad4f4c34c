"""The background writer: ordered, bounded, errors surface in the caller."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from ichseg.video import VideoStream, probe_video
from ichseg.writers import BackgroundWriter


def test_tasks_run_in_submission_order_off_the_calling_thread() -> None:
    seen: list[tuple[int, str]] = []
    with BackgroundWriter(max_pending=2) as w:
        for i in range(20):
            w.submit(lambda i=i: seen.append((i, threading.current_thread().name)))
    assert [i for i, _ in seen] == list(range(20))
    assert {name for _, name in seen} == {"ichseg-writer"}
    assert w.busy_s >= 0.0


def test_first_task_error_is_raised_by_close_and_later_tasks_are_skipped() -> None:
    ran: list[int] = []

    def boom() -> None:
        raise OSError("disk full")

    w = BackgroundWriter()
    w.submit(ran.append, 1)
    w.submit(boom)
    w.submit(ran.append, 2)
    with pytest.raises(OSError, match="disk full"):
        w.close()
    assert ran == [1]


def test_submit_raises_an_earlier_error_at_once() -> None:
    w = BackgroundWriter()
    w.submit(lambda: 1 / 0)
    deadline = time.monotonic() + 5
    with pytest.raises(ZeroDivisionError):
        while time.monotonic() < deadline:
            w.submit(lambda: None)
            time.sleep(0.01)
    w.abort()


def test_leaving_by_an_exception_drops_pending_tasks_and_stops_the_thread() -> None:
    gate = threading.Event()
    ran: list[int] = []
    with pytest.raises(KeyError), BackgroundWriter(max_pending=4) as w:
        w.submit(gate.wait, 5)
        for i in range(3):
            w.submit(ran.append, i)
        gate.set()
        raise KeyError("model failed")
    assert not w._thread.is_alive()
    assert len(ran) < 3 or ran == [0, 1, 2]  # nothing after the abort point runs twice


def test_video_stream_writes_frames_one_at_a_time(tmp_path: Path) -> None:
    stream = VideoStream(tmp_path / "v.mp4", fps=5)
    for k in range(7):
        stream.write(np.full((64, 96, 3), 30 * k, np.uint8))
    assert stream.close() == 7
    info = probe_video(tmp_path / "v.mp4")
    assert (info["codec"], info["frames"], info["width"], info["height"]) == ("h264", 7, 96, 64)
    assert VideoStream(tmp_path / "none.mp4").close() == 0
    assert not (tmp_path / "none.mp4").exists()
