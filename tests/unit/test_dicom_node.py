"""The DICOM node's core without a network: checks, series completion, one job, restarts."""

from __future__ import annotations

import copy
from pathlib import Path

import pydicom
import pytest

from ichseg.derived import DerivedOptions
from ichseg.dicom_node import (
    STATUS_BROKEN,
    STATUS_NOT_ACCEPTED,
    NodeSettings,
    Spool,
    check_instance,
    run_job,
    series_key,
    work_once,
)
from ichseg.errors import InputError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def series(phantom_dir: Path) -> list[pydicom.Dataset]:
    return [pydicom.dcmread(p) for p in sorted((phantom_dir / "phantom_dicom").glob("*.dcm"))]


def _settings(tmp_path: Path, **kw) -> NodeSettings:  # type: ignore[no-untyped-def]
    return NodeSettings(spool_dir=tmp_path / "spool", series_timeout_s=5, **kw)


def test_body_part_and_modality_checks_are_configurable(series: list[pydicom.Dataset]) -> None:
    ds = copy.deepcopy(series[0])
    assert check_instance(ds, NodeSettings()).status == 0
    assert check_instance(ds, NodeSettings(require_body_part=True)).status == STATUS_NOT_ACCEPTED
    ds.BodyPartExamined = "HEAD"
    assert check_instance(ds, NodeSettings(require_body_part=True)).status == 0
    ds.BodyPartExamined = "ABDOMEN"
    assert check_instance(ds, NodeSettings()).reason == "body part ABDOMEN is not a head"
    del ds.PixelData
    ds.BodyPartExamined = "HEAD"
    assert check_instance(ds, NodeSettings()).status == STATUS_BROKEN


def test_a_series_is_a_job_only_after_the_quiet_time(
    series: list[pydicom.Dataset], tmp_path: Path
) -> None:
    clock = Clock()
    spool = Spool(tmp_path / "spool", _settings(tmp_path), clock)
    for ds in series[:10]:
        assert spool.accept(ds).status == 0
    clock.now += 4.0
    assert spool.close_idle_series() == []
    for ds in series[10:]:
        spool.accept(ds)
    clock.now += 4.9
    assert spool.close_idle_series() == []
    clock.now += 0.2
    key = series_key(str(series[0].SeriesInstanceUID))
    assert spool.close_idle_series() == [key]
    assert len(list((spool.jobs / key / "input").glob("*.dcm"))) == len(series)


def test_queued_and_running_jobs_survive_a_restart_and_run_once(
    series: list[pydicom.Dataset], tmp_path: Path
) -> None:
    clock = Clock()
    settings = _settings(tmp_path)
    spool = Spool(settings.spool_dir, settings, clock)
    for ds in series:
        spool.accept(ds)
    clock.now += 10
    (key,) = spool.close_idle_series()
    assert spool.next_job() == key  # running ... and the process dies here
    calls: list[Path] = []

    def segment(src: Path, out: Path, options: DerivedOptions) -> dict:
        calls.append(src)
        raise InputError("stop here")

    restarted = Spool(settings.spool_dir, settings, clock)
    assert restarted.state(key)["state"] == "queued"
    assert work_once(restarted, segment, None) == 1
    assert len(calls) == 1 and restarted.state(key)["state"] == "failed"
    # the series sent again after the job: acknowledged, never a second job
    for ds in series:
        assert restarted.accept(ds).status == 0
    clock.now += 10
    assert restarted.close_idle_series() == []
    assert work_once(restarted, segment, None) == 0


def test_a_failed_send_is_retried_then_given_up(
    series: list[pydicom.Dataset], tmp_path: Path, band_segmenter
) -> None:  # type: ignore[no-untyped-def]
    from ichseg.dicom_node import pipeline

    clock = Clock()
    settings = _settings(tmp_path, max_attempts=2, retry_delay_s=30)
    spool = Spool(settings.spool_dir, settings, clock)
    for ds in series:
        spool.accept(ds)
    clock.now += 10
    (key,) = spool.close_idle_series()

    class Down:
        sent = 0

        def send(self, files: list[Path]) -> None:
            Down.sent += 1
            raise ConnectionError("PACS down")

    assert run_job(spool, spool.next_job() or "", pipeline(band_segmenter), Down()) is False
    assert spool.state(key)["state"] == "queued"
    assert spool.next_job() is None  # not before the retry delay
    clock.now += 31
    assert run_job(spool, spool.next_job() or "", pipeline(band_segmenter), Down()) is False
    assert spool.state(key)["state"] == "failed" and Down.sent == 2
