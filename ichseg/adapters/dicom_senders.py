"""Senders of finished DICOM objects: C-STORE SCU (pynetdicom) and STOW-RS (dicomweb-client)."""

from __future__ import annotations

from pathlib import Path

from ichseg.dicom_node import NodeSettings
from ichseg.errors import IchsegError, SendError
from ichseg.ports import ResultSender

__all__ = ["CStoreSender", "SendError", "StowSender", "sender_for"]


class CStoreSender:
    """Sends files with C-STORE over one association per batch.

    Args:
        ae_title: The calling AE title (the node's own).
        dest_ae_title: The called AE title.
        host: Destination host.
        port: Destination port.
        timeout_s: Network and DIMSE timeout.
    """

    def __init__(
        self, ae_title: str, dest_ae_title: str, host: str, port: int, timeout_s: float = 30.0
    ) -> None:
        self.ae_title = ae_title
        self.dest_ae_title = dest_ae_title
        self.host = host
        self.port = port
        self.timeout_s = timeout_s

    def send(self, files: list[Path]) -> None:
        """Send every file; raise :class:`SendError` unless all were stored."""
        from pydicom import dcmread
        from pynetdicom import AE

        datasets = [dcmread(f) for f in files]
        ae = AE(ae_title=self.ae_title)
        ae.acse_timeout = ae.dimse_timeout = ae.network_timeout = self.timeout_s
        for sop_class in sorted({str(ds.SOPClassUID) for ds in datasets}):
            ae.add_requested_context(sop_class)
        assoc = ae.associate(self.host, self.port, ae_title=self.dest_ae_title)
        if not assoc.is_established:
            raise SendError(f"association with {self.dest_ae_title} was not established")
        try:
            for ds in datasets:
                status = assoc.send_c_store(ds)
                code = int(getattr(status, "Status", -1)) if status else -1
                if code not in (0x0000, 0xB000, 0xB007, 0xB006):
                    raise SendError(f"C-STORE status 0x{code & 0xFFFF:04X}")
        finally:
            assoc.release()


class StowSender:
    """Sends files with STOW-RS to a DICOMweb server.

    Args:
        url: DICOMweb base URL (``http://host:8042/dicom-web``).
    """

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def send(self, files: list[Path]) -> None:
        """Store every file in one STOW-RS request; raise on any failure."""
        from dicomweb_client.api import DICOMwebClient
        from pydicom import dcmread

        client = DICOMwebClient(url=self.url)
        datasets = [dcmread(f) for f in files]
        response = client.store_instances(datasets=datasets)
        failed = response.get("FailedSOPSequence") if response is not None else None
        if failed:
            raise SendError(f"STOW-RS refused {len(failed)} object(s)")


def sender_for(settings: NodeSettings) -> ResultSender | None:
    """The sender the settings ask for (``None`` for ``destination="none"``)."""
    if settings.destination == "cstore":
        return CStoreSender(
            settings.ae_title, settings.dest_ae_title, settings.dest_host, settings.dest_port
        )
    if settings.destination == "stow":
        if not settings.stow_url:
            raise IchsegError("destination stow needs stow_url (ICHSEG_DICOM_STOW_URL)")
        return StowSender(settings.stow_url)
    return None
