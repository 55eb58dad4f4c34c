"""One settings tree: the server, the cloud and the DICOM node extend the pipeline settings."""

from __future__ import annotations

import pytest

from ichseg.cloud.settings import CloudSettings
from ichseg.dicom_node import NodeSettings
from ichseg.server.settings import ServeSettings
from ichseg.settings import MAX_BATCH_PIXELS, MAX_UPLOAD_BYTES, PipelineSettings

SHARED = ("model_path", "threads", "prefer_gpu", "batch_size", "max_batch_pixels", "fps")


@pytest.mark.parametrize("cls", [ServeSettings, CloudSettings, NodeSettings])
def test_server_and_cloud_settings_extend_the_pipeline_settings(cls: type) -> None:
    assert issubclass(cls, PipelineSettings)
    for name in (*SHARED, "max_upload_bytes"):
        mine, root = cls.model_fields[name], PipelineSettings.model_fields[name]
        assert (mine.annotation, mine.default, mine.metadata) == (
            root.annotation,
            root.default,
            root.metadata,
        ), name


@pytest.mark.parametrize("cls", [PipelineSettings, ServeSettings, CloudSettings, NodeSettings])
def test_runtime_settings_reach_every_entry_point(
    cls: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICHSEG_THREADS", "3")
    monkeypatch.setenv("ICHSEG_PREFER_GPU", "false")
    monkeypatch.setenv("ICHSEG_MAX_UPLOAD_BYTES", "1234")
    settings = cls()
    assert settings.threads == 3 and settings.prefer_gpu is False
    assert settings.max_upload_bytes == 1234


def test_limits_have_one_default() -> None:
    assert ServeSettings().max_upload_bytes == CloudSettings().max_upload_bytes == MAX_UPLOAD_BYTES
    assert ServeSettings().max_batch_pixels == CloudSettings().max_batch_pixels == MAX_BATCH_PIXELS


def test_the_cdk_config_takes_the_same_upload_limit() -> None:
    from infra.config import InfraConfig

    assert InfraConfig().max_upload_bytes == MAX_UPLOAD_BYTES


def test_the_node_reads_its_own_settings_from_ichseg_dicom(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ICHSEG_PORT", "9999")  # the embedded server's port, not the node's
    monkeypatch.setenv("ICHSEG_DICOM_PORT", "11113")
    monkeypatch.setenv("ICHSEG_BATCH_SIZE", "2")
    monkeypatch.setenv("ICHSEG_DICOM_THREADS", "5")
    monkeypatch.setenv("ICHSEG_THREADS", "3")
    settings = NodeSettings()
    assert settings.port == 11113 and settings.batch_size == 2
    assert settings.threads == 5  # ICHSEG_DICOM_* wins over ICHSEG_*
    assert NodeSettings(port=104, threads=1).port == 104
