"""The node's C-STORE SCP (pynetdicom) and its worker loop.

The SCP accepts the storage SOP classes (so that anything sent gets an answer with a
status rather than a rejected presentation context), hands each instance to
:meth:`ichseg.dicom_node.Spool.accept` and answers C-ECHO. The worker loop turns quiet
series into jobs and runs them through one pipeline call.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from ichseg.dicom_node import (
    STATUS_BROKEN,
    STATUS_OUT_OF_RESOURCES,
    NodeSettings,
    SegmentFn,
    Spool,
    work_once,
)
from ichseg.ports import ResultSender

log = logging.getLogger("ichseg.dicom_node")


def _status(code: int, comment: str = "") -> Any:
    from pydicom.dataset import Dataset

    ds = Dataset()
    ds.Status = code
    if comment:
        ds.ErrorComment = comment[:64]
    return ds


def _encoded(event: Any) -> bytes:
    """The received instance as a DICOM file (preamble, file meta, data set as sent)."""
    from pydicom.filebase import DicomBytesIO
    from pydicom.filewriter import write_file_meta_info

    buf = DicomBytesIO()
    buf.write(b"\x00" * 128 + b"DICM")
    write_file_meta_info(buf, event.file_meta)
    buf.write(event.request.DataSet.getvalue())
    return buf.getvalue()


class DicomNode:
    """A running node: the SCP on its port and a worker thread.

    Args:
        settings: The node settings.
        segment: Runs the pipeline on one complete series.
        sender: Where results go (``None``: keep them in the spool).
    """

    def __init__(
        self, settings: NodeSettings, segment: SegmentFn, sender: ResultSender | None
    ) -> None:
        self.settings = settings
        self.segment = segment
        self.sender = sender
        self.spool = Spool(settings.spool_dir, settings)
        self._stop = threading.Event()
        self._server: Any = None
        self._worker: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port the SCP listens on (useful when settings asked for port 0)."""
        return int(self._server.server_address[1])

    def _on_store(self, event: Any) -> Any:
        try:
            ds = event.dataset
            ds.file_meta = event.file_meta
        except Exception as exc:  # a data set pydicom cannot parse
            log.warning(
                "refused instance (status 0x%04X): unreadable (%s)",
                STATUS_BROKEN,
                type(exc).__name__,
            )
            return _status(STATUS_BROKEN, "unreadable data set")
        try:
            verdict = self.spool.accept(ds, _encoded(event))
        except OSError as exc:
            log.error("cannot store instance: %s", type(exc).__name__)
            return _status(STATUS_OUT_OF_RESOURCES, "cannot store")
        except Exception as exc:  # a broken element only found while checking
            log.warning(
                "refused instance (status 0x%04X): broken (%s)", STATUS_BROKEN, type(exc).__name__
            )
            return _status(STATUS_BROKEN, "broken data set")
        return _status(verdict.status, verdict.reason)

    def start(self) -> None:
        """Start listening and working (returns at once)."""
        from pynetdicom import AE, AllStoragePresentationContexts, evt
        from pynetdicom.sop_class import Verification  # type: ignore[attr-defined]

        ae = AE(ae_title=self.settings.ae_title)
        ae.supported_contexts = AllStoragePresentationContexts
        ae.add_supported_context(Verification)
        if self.settings.allowed_calling_aets:
            ae.require_calling_aet = list(self.settings.allowed_calling_aets)
        handlers: list[Any] = [(evt.EVT_C_STORE, self._on_store)]
        self._server = ae.start_server(
            (self.settings.host, self.settings.port), block=False, evt_handlers=handlers
        )
        log.info(
            "DICOM node %s listening on %s:%d",
            self.settings.ae_title,
            self.settings.host,
            self.port,
        )
        self._worker = threading.Thread(target=self._work, name="ichseg-node-worker", daemon=True)
        self._worker.start()

    def _work(self) -> None:
        while not self._stop.is_set():
            try:
                work_once(self.spool, self.segment, self.sender)
            except Exception:
                log.exception("worker loop error")
            self._stop.wait(self.settings.poll_s)

    def stop(self) -> None:
        """Stop the SCP and the worker (a running job finishes first)."""
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server = None
        if self._worker is not None:
            self._worker.join(timeout=600)
            self._worker = None

    def wait(self) -> None:
        """Block until :meth:`stop` is called (or Ctrl-C)."""
        try:
            while not self._stop.wait(1.0):
                pass
        finally:
            self.stop()
