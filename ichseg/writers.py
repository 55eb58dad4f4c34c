"""Write results on a background thread while the model runs the next batch.

ONNX Runtime releases the GIL while it computes, and so do Pillow's PNG encoder and x264
(PyAV), so mask PNGs and video frames written on one worker thread overlap the model
instead of following it. :class:`BackgroundWriter` is a bounded FIFO queue served by one
thread: tasks run in the order they were submitted (a video's frames stay in order), a
full queue makes :meth:`~BackgroundWriter.submit` wait (memory stays bounded when the
writers are slower than the model), and the first error is raised again in the caller.
:class:`ichseg.video.VideoStream` takes a video's frames one at a time, so both fit together:
a frame is encoded as soon as its slice's mask exists.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

_STOP = object()


class BackgroundWriter:
    """One worker thread running submitted tasks in order.

    Use as a context manager: leaving the block normally waits for every task and raises
    the first task error; leaving it by an exception drops the tasks not yet started.
    """

    def __init__(self, max_pending: int = 8) -> None:
        """Start the worker.

        Args:
            max_pending: Tasks queued at most before :meth:`submit` waits.
        """
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max(1, max_pending))
        self._error: BaseException | None = None
        self._abort = False
        self.busy_s = 0.0
        self._thread = threading.Thread(target=self._run, name="ichseg-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if self._abort or self._error is not None:
                continue
            fn, args = item
            t0 = time.perf_counter()
            try:
                fn(*args)
            except BaseException as exc:  # re-raised in the submitting thread
                self._error = exc
            self.busy_s += time.perf_counter() - t0

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue ``fn(*args)``; waits while the queue is full.

        Raises:
            BaseException: The error of an earlier task, as soon as it is known.
        """
        if self._error is not None:
            raise self._error
        self._queue.put((fn, args))

    def close(self) -> None:
        """Wait for every queued task to finish, then stop the worker.

        Raises:
            BaseException: The first task error.
        """
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        """Drop the tasks not yet started and stop the worker (errors are not raised)."""
        self._abort = True
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
