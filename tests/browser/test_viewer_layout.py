"""The viewer at the window sizes readers use: the whole picture and the slice controls on
screen at once, without scrolling (checked on screenshots of the viewport, not DOM only)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests.browser.conftest import LiveServer
from tests.browser.overlay_geometry import SIZES
from tests.browser.test_viewer_overlay import open_phantom

pytestmark = pytest.mark.browser

#: The controls a reader needs with the picture: play, step, slider and the score strip.
CONTROLS = ("#play", "#slice", "#strip")


def _stage_rows_on_screen(page: Any) -> tuple[int, int]:
    """(rows of the stage on the viewport's screenshot, rows of the stage's own screenshot).

    The viewport screenshot is what the reader sees without scrolling; the element's own
    screenshot (Playwright scrolls it into view) is the whole stage. A stage row counts as
    on screen when it differs from the page background: the stage is black or the picture.
    """
    box = page.locator("#stage").bounding_box()
    shot = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB"), np.int16)
    x0, x1 = round(box["x"]) + 2, round(box["x"] + box["width"]) - 2
    background = shot[2, 2]  # the header's corner: page colour, never the stage
    band = shot[:, x0:x1]
    stage_like = np.abs(band - background).sum(axis=2).mean(axis=1) > 30
    rows = np.flatnonzero(stage_like[max(0, round(box["y"])) :])
    on_screen = int(rows[-1] + 1) if len(rows) else 0
    whole = Image.open(io.BytesIO(page.locator("#stage").screenshot())).size[1]
    page.evaluate("window.scrollTo(0, 0)")
    return on_screen, whole


def test_picture_and_slice_controls_fit_the_window_without_scrolling(
    new_page: Any, live_server: LiveServer, phantom_dir: Path, tmp_path: Path
) -> None:
    page = new_page(*SIZES[0])
    open_phantom(page, live_server, phantom_dir, "layout@example.org")
    problems = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        stage = page.locator("#stage").bounding_box()
        shown, whole = _stage_rows_on_screen(page)
        page.screenshot(path=str(tmp_path / f"viewer-{width}x{height}.png"))
        issues = []
        if shown < whole - 2:  # part of the picture lies below the fold
            issues.append(f"stage {shown}/{whole} rows on screen")
        if stage["height"] < min(320, 0.4 * height):
            issues.append(f"stage only {stage['height']:.0f} px tall")
        laptop = width >= 800
        if laptop:
            for sel in CONTROLS:
                b = page.locator(sel).bounding_box()
                if b is None or b["y"] + b["height"] > height or b["y"] < 0:
                    issues.append(f"{sel} off screen ({b})")
        if issues:
            problems[(width, height)] = issues
    assert not problems, f"viewer does not fit: {problems}"
