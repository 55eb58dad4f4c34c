"""Fixtures for the server tests: an app factory on a fresh data dir."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from ichseg.server import ServeSettings, create_app
from tests.server.helpers import Api


@pytest.fixture
def make_api(tmp_path: Path, band_segmenter: Any) -> Iterator[Callable[..., Api]]:
    """Build an app on a fresh data dir and return a signed-out :class:`Api` for it."""
    clients: list[TestClient] = []

    def make(workers: int = 0, base_url: str = "http://testserver", **overrides: Any) -> Api:
        settings = ServeSettings(
            data_dir=overrides.pop("data_dir", tmp_path / "data"),
            workers=workers,
            poll_interval_s=0.05,
            **overrides,
        )
        client = TestClient(create_app(settings, segmenter=band_segmenter), base_url=base_url)
        client.__enter__()
        clients.append(client)
        return Api(client)

    yield make
    for client in clients:
        client.__exit__(None, None, None)
