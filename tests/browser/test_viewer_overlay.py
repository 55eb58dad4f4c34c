"""The bleed overlay lands on the bleed at every window size (embedded server, Chromium).

Pixels, not DOM boxes: see :mod:`tests.browser.overlay_geometry`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests.browser.conftest import LiveServer
from tests.browser.overlay_geometry import (
    MIN_IOU,
    SIZES,
    overlay_placement,
    zoomed_overlay_placement,
)
from tests.browser.test_web_app import _set_range, _signup, _upload, _wait_done

pytestmark = pytest.mark.browser


def open_phantom(page: Any, server: LiveServer, phantom_dir: Path, email: str) -> tuple[str, dict]:
    """Sign up, upload the phantom, open its viewer; returns the scan id and report."""
    _signup(page, server, email)
    job_id = _upload(page, phantom_dir / "phantom.nii.gz")
    _wait_done(page, job_id)
    page.locator(f'#scan-list li[data-id="{job_id}"] a').click()
    page.wait_for_function(
        "() => { const v = document.querySelector('#scan-video'); return v && v.readyState >= 2; }"
    )
    # the viewer renders from Hounsfield units once they are loaded (old viewers have none)
    page.wait_for_function(
        "() => { const n = document.querySelector('#window-note');"
        " return !n || !n.textContent.startsWith('Loading'); }"
    )
    report = page.evaluate(f"fetch('api/scans/{job_id}/files/report.json').then(r => r.json())")
    return job_id, report


def wait_mask_drawn(page: Any, k: int) -> None:
    """Wait until slice ``k``'s mask is drawn (works with the single canvas or a mask canvas)."""
    page.wait_for_function(
        "k => { const c = document.querySelector('#view') || document.querySelector('canvas.mask');"
        " return c && c.dataset.slice === String(k) && c.dataset.drawn === 'true'; }",
        arg=k,
    )


def test_overlay_lands_on_the_bleed_at_every_window_size_and_zoom(
    new_page: Any, live_server: LiveServer, phantom_dir: Path
) -> None:
    page = new_page(*SIZES[0])
    job_id, report = open_phantom(page, live_server, phantom_dir, "overlay@example.org")
    bleed = max(report["slices"], key=lambda s: s["area_px"])["index"]
    name = report["files"]["masks"][bleed - 1]
    png = page.request.get(f"{live_server.url}/api/scans/{job_id}/files/{name}").body()
    mask = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    _set_range(page, "#slice", bleed)
    wait_mask_drawn(page, bleed)

    results = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        wait_mask_drawn(page, bleed)
        placement, off, rect = overlay_placement(page, mask)
        results[(width, height)] = placement
        if (width, height) == SIZES[0]:
            first = (off, rect)
    bad = {size: p for size, p in results.items() if p.iou < MIN_IOU or p.shift_px > 3}
    assert not bad, f"overlay off the bleed: {bad}"

    # zoomed in and panned: the overlay follows the picture
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Zoom in").click()
    stage = page.locator("#stage").bounding_box()
    cx, cy = stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 60, cy + 40, steps=4)
    page.mouse.up()
    zoomed = zoomed_overlay_placement(page, mask, first[0], first[1], 1.5)
    assert zoomed.iou >= MIN_IOU and zoomed.shift_px <= 3, zoomed
    assert page.console_errors == []
