"""A live ``ichseg serve`` server and headless Chromium (Debian's) for the browser tests."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--autoplay-policy=no-user-gesture-required",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


@dataclass
class LiveServer:
    """A running server: its URL, data folder and the lines it logged."""

    url: str
    data_dir: Path
    records: list[str] = field(default_factory=list)


class _ListHandler(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.INFO)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, band_subtype_segmenter: Any
) -> Iterator[LiveServer]:
    """``ichseg serve`` on 127.0.0.1 and a free port, in a thread, with the band model and
    its two-class subtype head (so the viewer shows the likely subtype)."""
    import uvicorn

    from ichseg.server import ServeSettings, create_app

    port = _free_port()
    data_dir = tmp_path_factory.mktemp("served")
    settings = ServeSettings(
        host="127.0.0.1",
        port=port,
        data_dir=data_dir,
        workers=1,
        poll_interval_s=0.2,
        events_max_s=10,
    )
    server = LiveServer(url=f"http://127.0.0.1:{port}", data_dir=data_dir)
    handler = _ListHandler(server.records)
    logger = logging.getLogger("ichseg.server")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    config = uvicorn.Config(
        create_app(settings, segmenter=band_subtype_segmenter),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield server
    uv.should_exit = True
    thread.join(15)
    logger.removeHandler(handler)
    logger.setLevel(old_level)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `apt-get install -y chromium` (scripts/setup_test_deps.sh)"
        )
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def new_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Factory for pages in fresh contexts (separate cookies); failures save screenshots."""
    contexts: list[Any] = []
    pages: list[Any] = []

    def make(width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
        pages.append(page)
        return page

    yield make
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        RESULTS.mkdir(exist_ok=True)
        for i, page in enumerate(pages):
            # a crashed page cannot be captured; the failure itself says why
            with contextlib.suppress(Exception):
                page.screenshot(path=str(RESULTS / f"{request.node.name}-{i}.png"), full_page=True)
    for context in contexts:
        context.close()
