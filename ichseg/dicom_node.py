"""The DICOM node's core: what to accept, when a series is complete, one job per series.

No networking here (the C-STORE SCP and the senders are adapters in
:mod:`ichseg.adapters.dicom_scp` and :mod:`ichseg.adapters.dicom_senders`). The state lives
in a spool folder, so queued work survives a restart::

    spool/incoming/<key>/<instance>.dcm   instances of a series still arriving
    spool/incoming/<key>/series.json      the series' identity, refusals, arrival times
    spool/jobs/<key>/state.json           queued | running | done | failed, attempts, error
    spool/jobs/<key>/input/               the complete series (removed once done)
    spool/jobs/<key>/output/              what ``segment_scan`` wrote (masks, SEG, SR, report)

``<key>`` is a hash of the SeriesInstanceUID: logs name series by it and never carry
patient data (names, IDs, dates, UIDs). A series whose key has a job is never processed
again; its resent instances are acknowledged and dropped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from ichseg.derived import DerivedOptions
from ichseg.errors import IchsegError
from ichseg.outputs import SEG_NAME, SR_NAME, derived_names
from ichseg.ports import ResultSender
from ichseg.settings import PipelineSettings

if TYPE_CHECKING:
    from ichseg.ports import Segmenter

log = logging.getLogger("ichseg.dicom_node")

#: C-STORE failure statuses (PS3.4 C.4.2.1.4.2: 0xA7xx out of resources, 0xA9xx data set
#: does not match SOP class, 0xCxxx cannot understand). ErrorComment says why.
STATUS_SUCCESS = 0x0000
STATUS_OUT_OF_RESOURCES = 0xA700
STATUS_NOT_ACCEPTED = 0xA900  # not a CT image, not CT modality, not a head
STATUS_BROKEN = 0xC000  # unreadable instance, no or undecodable pixel data
STATUS_MIXED = 0xC001  # does not belong with the series' other instances

#: CT Image Storage, the one SOP class the pipeline reads.
CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"


class _PipelineEnv(EnvSettingsSource):
    """``ICHSEG_*`` variables for the pipeline's own fields only (model, threads, batching)."""

    def __call__(self) -> dict[str, Any]:
        return {k: v for k, v in super().__call__().items() if k in PipelineSettings.model_fields}


class NodeSettings(PipelineSettings):
    """Settings of ``ichseg dicom``, beside the pipeline's (CLI arguments override them).

    The node's own settings come from ``ICHSEG_DICOM_*`` environment variables; the
    pipeline's (model, threads, GPU preference, batching) from the same ``ICHSEG_*`` as
    every other entry point (:class:`ichseg.settings.PipelineSettings`), an
    ``ICHSEG_DICOM_*`` of the same name taking precedence.

    Attributes:
        ae_title: The node's own AE title.
        host: Address the SCP listens on.
        port: Port the SCP listens on.
        spool_dir: Where series, jobs and results are kept.
        series_timeout_s: A series is complete when no instance arrived for this long.
        allowed_calling_aets: AE titles allowed to send (empty: any).
        modalities: Accepted Modality values.
        body_parts: Accepted BodyPartExamined values (upper case).
        require_body_part: Refuse instances without BodyPartExamined (else they pass).
        destination: Where results go: ``"cstore"``, ``"stow"`` or ``"none"``.
        dest_ae_title: AE title of the C-STORE destination.
        dest_host: Host of the C-STORE destination.
        dest_port: Port of the C-STORE destination.
        stow_url: DICOMweb base URL for STOW-RS (``http://pacs/dicom-web``).
        key_images: Also send overlay key images: ``"off"``, ``"bleeding"`` or ``"all"``.
        max_attempts: Tries per job before it is marked failed (sending can fail).
        retry_delay_s: Wait before a failed send is tried again.
        poll_s: How often the worker looks for complete series.
    """

    model_config = SettingsConfigDict(env_prefix="ICHSEG_DICOM_", extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Init arguments, ``ICHSEG_DICOM_*``, then ``ICHSEG_*`` for the pipeline fields."""
        pipeline_env = _PipelineEnv(settings_cls, env_prefix="ICHSEG_")
        return init_settings, env_settings, pipeline_env, dotenv_settings, file_secret_settings

    ae_title: str = Field("ICHSEG", min_length=1, max_length=16)
    host: str = "127.0.0.1"
    port: int = Field(11112, ge=0, le=65535)
    spool_dir: Path = Path("ichseg-node")
    series_timeout_s: float = Field(10.0, gt=0)
    allowed_calling_aets: list[str] = Field(default_factory=list)
    modalities: list[str] = Field(default_factory=lambda: ["CT"])
    body_parts: list[str] = Field(
        default_factory=lambda: ["HEAD", "BRAIN", "SKULL", "HEADNECK", "HEAD_NECK"]
    )
    require_body_part: bool = False
    destination: Literal["cstore", "stow", "none"] = "none"
    dest_ae_title: str = "PACS"
    dest_host: str = "127.0.0.1"
    dest_port: int = Field(4242, ge=1, le=65535)
    stow_url: str | None = None
    key_images: Literal["off", "bleeding", "all"] = "off"
    max_attempts: int = Field(3, ge=1, le=100)
    retry_delay_s: float = Field(30.0, ge=0)
    poll_s: float = Field(0.5, gt=0)


@dataclass(frozen=True)
class Verdict:
    """The answer to one C-STORE request.

    Attributes:
        status: The DIMSE status to return.
        reason: A one-line reason for a refusal (ErrorComment and the log), ``""`` if none.
    """

    status: int
    reason: str = ""


def series_key(series_uid: str) -> str:
    """A short, non-reversible name for a series, used for folders and logs."""
    return hashlib.sha256(series_uid.encode("utf-8")).hexdigest()[:16]


def check_instance(ds: Any, settings: NodeSettings) -> Verdict:
    """Decide whether one received instance can go into a job.

    Args:
        ds: The received pydicom dataset.
        settings: The node settings (modalities, body parts).

    Returns:
        Success, or a refusal status with its reason.
    """
    sop_class = str(ds.get("SOPClassUID", ""))
    if sop_class != CT_IMAGE_STORAGE:
        return Verdict(STATUS_NOT_ACCEPTED, "not a CT Image Storage instance")
    modality = str(ds.get("Modality", "") or "")
    if modality not in settings.modalities:
        return Verdict(STATUS_NOT_ACCEPTED, f"modality {modality or 'missing'} is not accepted")
    body = str(ds.get("BodyPartExamined", "") or "").upper().strip()
    allowed = {b.upper() for b in settings.body_parts}
    if body and body not in allowed:
        return Verdict(STATUS_NOT_ACCEPTED, f"body part {body} is not a head")
    if not body and settings.require_body_part:
        return Verdict(STATUS_NOT_ACCEPTED, "BodyPartExamined is missing")
    for key in ("SOPInstanceUID", "SeriesInstanceUID", "StudyInstanceUID", "Rows", "Columns"):
        if not ds.get(key):
            return Verdict(STATUS_BROKEN, f"{key} is missing")
    if "PixelData" not in ds:
        return Verdict(STATUS_BROKEN, "no pixel data")
    try:
        pixels = ds.pixel_array
    except Exception as exc:  # pydicom raises many types for broken pixel data
        return Verdict(STATUS_BROKEN, f"pixel data cannot be decoded ({type(exc).__name__})")
    if pixels.ndim != 2:
        return Verdict(STATUS_BROKEN, f"expected one grey frame, got {pixels.shape}")
    return Verdict(STATUS_SUCCESS)


def _identity(ds: Any) -> dict[str, Any]:
    """What every instance of one series must share."""
    orientation = [round(float(v), 3) for v in (ds.get("ImageOrientationPatient") or [])]
    return {
        "study": str(ds.StudyInstanceUID),
        "modality": str(ds.get("Modality", "")),
        "rows": int(ds.Rows),
        "columns": int(ds.Columns),
        "orientation": orientation,
        "frame_of_reference": str(ds.get("FrameOfReferenceUID", "")),
    }


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


class Spool:
    """The node's on-disk state: arriving series, jobs and their results.

    Thread-safe: the SCP calls :meth:`accept` from its association threads while the worker
    calls :meth:`close_idle_series` and :meth:`next_job`.

    Args:
        root: The spool folder (created).
        settings: The node settings.
        clock: Seconds since the epoch (tests pass their own).
    """

    def __init__(
        self, root: Path, settings: NodeSettings, clock: Callable[[], float] = time.time
    ) -> None:
        self.root = Path(root)
        self.settings = settings
        self.clock = clock
        self.incoming = self.root / "incoming"
        self.jobs = self.root / "jobs"
        self.incoming.mkdir(parents=True, exist_ok=True)
        self.jobs.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._recover()

    def _recover(self) -> None:
        """After a restart: a job that was running is queued again."""
        for state_path in self.jobs.glob("*/state.json"):
            state = _read_json(state_path)
            if state["state"] == "running":
                state["state"] = "queued"
                _write_json(state_path, state)
                log.info("series %s: requeued after restart", state_path.parent.name)

    def accept(self, ds: Any, encoded: bytes | None = None) -> Verdict:
        """Check a received instance and store it with its series.

        Args:
            ds: The received dataset (with ``file_meta``).
            encoded: The instance as a DICOM file (``None``: written from ``ds``).

        Returns:
            The status for the C-STORE response. A refused instance taints its series:
            the series is then failed as a whole and nothing is sent for it.
        """
        series_uid = str(ds.get("SeriesInstanceUID", "") or "")
        key = series_key(series_uid) if series_uid else "unknown"
        verdict = check_instance(ds, self.settings)
        with self._lock:
            if (self.jobs / key).exists():
                log.info("series %s: already has a job; resent instance ignored", key)
                return Verdict(STATUS_SUCCESS)
            folder = self.incoming / key
            meta_path = folder / "series.json"
            if verdict.status == STATUS_SUCCESS:
                ident = _identity(ds)
                if meta_path.exists():
                    meta = _read_json(meta_path)
                    if meta["identity"] is None:
                        meta["identity"] = ident
                    elif meta["identity"] != ident:
                        diff = sorted(k for k in ident if ident[k] != meta["identity"][k])
                        verdict = Verdict(STATUS_MIXED, f"mixed series: {', '.join(diff)} differ")
            if verdict.status != STATUS_SUCCESS:
                log.warning(
                    "series %s: refused instance (status 0x%04X): %s",
                    key,
                    verdict.status,
                    verdict.reason,
                )
                if series_uid:
                    self._taint(folder, meta_path, verdict.reason)
                return verdict
            folder.mkdir(exist_ok=True)
            meta = _read_json(meta_path) if meta_path.exists() else self._new_meta(series_uid)
            meta["identity"] = meta["identity"] or _identity(ds)
            meta["instances"] += 1
            meta["last_seen"] = self.clock()
            name = hashlib.sha256(str(ds.SOPInstanceUID).encode()).hexdigest()[:24] + ".dcm"
            tmp = folder / (name + ".part")
            if encoded is not None:
                tmp.write_bytes(encoded)
            else:
                ds.save_as(tmp, enforce_file_format=True)
            os.replace(tmp, folder / name)
            _write_json(meta_path, meta)
            return Verdict(STATUS_SUCCESS)

    def _new_meta(self, series_uid: str) -> dict[str, Any]:
        now = self.clock()
        return {
            "series_uid": series_uid,
            "identity": None,
            "instances": 0,
            "refused": [],
            "first_seen": now,
            "last_seen": now,
        }

    def _taint(self, folder: Path, meta_path: Path, reason: str) -> None:
        folder.mkdir(exist_ok=True)
        meta = _read_json(meta_path) if meta_path.exists() else self._new_meta("")
        meta["refused"].append(reason)
        meta["last_seen"] = self.clock()
        _write_json(meta_path, meta)

    def close_idle_series(self) -> list[str]:
        """Turn every series that has been quiet for ``series_timeout_s`` into a job.

        Returns:
            The keys of the new jobs (queued, or failed at once when an instance of the
            series was refused).
        """
        now = self.clock()
        made: list[str] = []
        with self._lock:
            for folder in sorted(self.incoming.iterdir()):
                meta_path = folder / "series.json"
                if not meta_path.exists():
                    continue
                meta = _read_json(meta_path)
                if now - float(meta["last_seen"]) < self.settings.series_timeout_s:
                    continue
                job = self.jobs / folder.name
                job.mkdir()
                (folder / "series.json").rename(job / "series.json")
                os.replace(folder, job / "input")
                state: dict[str, Any] = {
                    "state": "queued",
                    "attempts": 0,
                    "error": None,
                    "queued_at": now,
                    "instances": meta["instances"],
                }
                if meta["refused"]:
                    state.update(state="failed", error=f"refused instances: {meta['refused'][0]}")
                    shutil.rmtree(job / "input", ignore_errors=True)
                    log.warning(
                        "series %s: not processed, %d instance(s) were refused",
                        folder.name,
                        len(meta["refused"]),
                    )
                elif meta["instances"] == 0:
                    state.update(state="failed", error="no instances")
                else:
                    log.info(
                        "series %s: complete, %d instances queued", job.name, meta["instances"]
                    )
                _write_json(job / "state.json", state)
                made.append(folder.name)
        return made

    def next_job(self) -> str | None:
        """Claim the oldest queued job that is due (marks it running).

        Returns:
            Its key, or ``None`` when nothing is queued.
        """
        with self._lock:
            queued = []
            for state_path in self.jobs.glob("*/state.json"):
                state = _read_json(state_path)
                if state["state"] == "queued" and float(state["queued_at"]) <= self.clock():
                    queued.append((float(state["queued_at"]), state_path))
            if not queued:
                return None
            _, state_path = min(queued)
            state = _read_json(state_path)
            state["state"] = "running"
            state["attempts"] += 1
            _write_json(state_path, state)
            return state_path.parent.name

    def state(self, key: str) -> dict[str, Any]:
        """The job's state dictionary."""
        return _read_json(self.jobs / key / "state.json")

    def finish(self, key: str, error: str | None, retry: bool = False) -> None:
        """Record a job's end: done, failed, or queued again for another attempt."""
        with self._lock:
            path = self.jobs / key / "state.json"
            state = _read_json(path)
            if error is None:
                state.update(state="done", error=None)
                shutil.rmtree(self.jobs / key / "input", ignore_errors=True)
            elif retry and state["attempts"] < self.settings.max_attempts:
                due = self.clock() + self.settings.retry_delay_s
                state.update(state="queued", error=error, queued_at=due)
            else:
                state.update(state="failed", error=error)
            state["finished_at"] = self.clock()
            _write_json(path, state)


#: ``segment(series_dir, out_dir, options) -> report``: one call to the pipeline.
SegmentFn = Callable[[Path, Path, DerivedOptions], dict[str, Any]]


def result_files(out_dir: Path, report: dict[str, Any]) -> list[Path]:
    """The DICOM objects to send for one finished job: SEG, SR, then key images.

    Raises:
        IchsegError: When the SEG or SR is missing (nothing is sent then).
    """
    files = report.get("files", {})
    if files.get("dicom_seg") != SEG_NAME or files.get("dicom_sr") != SR_NAME:
        raise IchsegError(f"no DICOM SEG/SR was written ({files.get('dicom_skipped', '?')})")
    paths = [out_dir / name for name in derived_names(files)]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise IchsegError(f"result files missing: {', '.join(missing)}")
    return paths


def run_job(spool: Spool, key: str, segment: SegmentFn, sender: ResultSender | None) -> bool:
    """Process one claimed job: segment the series, then send SEG + SR (+ key images).

    The pipeline writes everything before anything is sent, so a series that fails to
    segment sends nothing. A send that fails is retried (the same objects, same UIDs) up
    to ``max_attempts``.

    Args:
        spool: The spool.
        key: The job from :meth:`Spool.next_job`.
        segment: Runs the pipeline (``ichseg.service.segment_scan`` in production).
        sender: Where results go (``None``: keep them in the spool only).

    Returns:
        Whether the job is done.
    """
    job = spool.jobs / key
    out = job / "output"
    options = DerivedOptions(key_images=spool.settings.key_images)
    started = time.perf_counter()
    try:
        report = segment(job / "input", out, options)
        files = result_files(out, report)
    except IchsegError as exc:
        log.warning("series %s: failed: %s", key, _no_names(exc.message, job))
        spool.finish(key, exc.message)
        return False
    except Exception as exc:
        log.exception("series %s: internal error", key)
        spool.finish(key, f"internal error: {type(exc).__name__}")
        return False
    verdict = "haemorrhage" if report["scan"]["haemorrhage"] else "no haemorrhage"
    if sender is not None:
        try:
            sender.send(files)
        except Exception as exc:
            log.warning("series %s: sending failed: %s", key, type(exc).__name__)
            spool.finish(key, f"sending failed: {type(exc).__name__}: {exc}", retry=True)
            return False
    log.info(
        "series %s: done in %.1f s (%s, %d objects sent)",
        key,
        time.perf_counter() - started,
        verdict,
        len(files) if sender is not None else 0,
    )
    spool.finish(key, None)
    return True


def _no_names(message: str, job: Path) -> str:
    return message.replace(str(job), "<job>")


def work_once(spool: Spool, segment: SegmentFn, sender: ResultSender | None) -> int:
    """Close idle series and run every queued job once.

    Returns:
        The number of jobs run.
    """
    spool.close_idle_series()
    count = 0
    while (key := spool.next_job()) is not None:
        run_job(spool, key, segment, sender)
        count += 1
    return count


def pipeline(segmenter: Segmenter, settings: PipelineSettings | None = None) -> SegmentFn:
    """The node's one call into the pipeline: :func:`ichseg.service.segment_scan`.

    Args:
        segmenter: The model adapter (:func:`ichseg.runtimes.load_segmenter`).
        settings: Batching and video settings (the node's :class:`NodeSettings`, or
            defaults when ``None``).

    Returns:
        ``segment(series_dir, out_dir, options) -> report``.
    """
    from ichseg.service import segment_scan

    settings = settings or PipelineSettings()

    def segment(series_dir: Path, out_dir: Path, options: DerivedOptions) -> dict[str, Any]:
        return segment_scan(
            series_dir,
            out_dir,
            segmenter,
            batch_size=settings.batch_size,
            max_batch_pixels=settings.max_batch_pixels,
            fps=settings.fps,
            overwrite=True,
            derived=options,
        )

    return segment
