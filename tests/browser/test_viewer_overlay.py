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
    compare,
    expected_overlay,
    overlay_placement,
    paint_stage_magenta,
    picture_rect,
    zoomed_overlay_placement,
)
from tests.browser.test_web_app import _set_range, _signup, _upload, _wait_done
from tests.server.helpers import png_zip_bytes

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


def go_to_largest_bleed(
    page: Any, server: LiveServer, job_id: str, report: dict
) -> tuple[int, np.ndarray]:
    """Move the viewer to the slice with the largest bleed; returns it and its mask (0/255)."""
    bleed = max(report["slices"], key=lambda s: s["area_px"])["index"]
    name = report["files"]["masks"][bleed - 1]
    png = page.request.get(f"{server.url}/api/scans/{job_id}/files/{name}").body()
    mask = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    _set_range(page, "#slice", bleed)
    return bleed, mask


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
    bleed, mask = go_to_largest_bleed(page, live_server, job_id, report)
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


#: A screen pixel of the outline burned into overlay.mp4: red tint or yellow edge.
_BURNED_RB = 40


def _burned_overlay(shot: np.ndarray) -> np.ndarray:
    """Pixels where overlay.mp4's red tint or yellow edge shows (red well above blue)."""
    return (shot[..., 0] - shot[..., 2]) > _BURNED_RB


def _source(page: Any) -> str:
    return str(page.eval_on_selector("#view", "c => c.dataset.source"))


def _open_holding_hu(
    page: Any, server: LiveServer, phantom_dir: Path, email: str, abort: bool = False
) -> tuple[str, dict, list]:
    """Upload the phantom and open its viewer with the HU volume's request held (or failed).

    Returns:
        The scan id, its report and the held routes (``[]`` when aborted).
    """
    _signup(page, server, email)
    job_id = _upload(page, phantom_dir / "phantom.nii.gz")
    _wait_done(page, job_id)
    report = page.evaluate(f"fetch('api/scans/{job_id}/files/report.json').then(r => r.json())")
    held: list = []
    page.route("**/files/hu.npy.gz", lambda route: route.abort() if abort else held.append(route))
    page.locator(f'#scan-list li[data-id="{job_id}"] a').click()
    page.wait_for_function(
        "() => { const v = document.querySelector('#scan-video'); return v && v.readyState >= 2; }"
    )
    return job_id, report, held


def test_an_hu_scan_plays_the_outlined_video_on_the_bleed_until_its_hounsfield_units_load(
    new_page: Any, live_server: LiveServer, phantom_dir: Path
) -> None:
    """One video per HU scan: overlay.mp4 is the picture until hu.npy.gz has loaded."""
    page = new_page(*SIZES[0])
    job_id, report, held = _open_holding_hu(page, live_server, phantom_dir, "early@example.org")
    assert report["files"]["slices_video"] is None
    missing = page.request.get(f"{live_server.url}/api/scans/{job_id}/files/slices.mp4")
    assert missing.status == 404
    assert page.eval_on_selector("#scan-video", "v => v.src").endswith("/overlay.mp4")
    bleed, mask = go_to_largest_bleed(page, live_server, job_id, report)
    page.wait_for_function(
        "k => { const c = document.querySelector('#view'); const v = document.querySelector"
        "('#scan-video'); return c.dataset.slice === String(k) && !v.seeking; }",
        arg=bleed,
    )

    # while the HU volume loads: the burned-in outline, no mask drawn over it, controls held
    assert _source(page) == "overlay-video"
    assert page.locator("#overlay").is_checked() and page.locator("#overlay").is_disabled()
    assert page.locator("#overlay-style").is_disabled() and page.locator("#opacity").is_disabled()
    note = page.locator("#overlay-note")
    assert note.is_visible() and "until the Hounsfield units have loaded" in note.inner_text()
    assert page.eval_on_selector("#view", "c => c.dataset.drawn") != "true"
    stage = page.locator("#stage").bounding_box()
    page.mouse.move(stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
    assert "Hounsfield units still loading" in page.locator("#probe").inner_text()
    paint_stage_magenta(page)
    results = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        png_shot = page.locator("#stage").screenshot(animations="disabled")
        shot = np.asarray(Image.open(io.BytesIO(png_shot)).convert("RGB"), dtype=np.int16)
        rect = picture_rect(shot)
        expected = expected_overlay(mask, rect, shot.shape[:2])
        results[(width, height)] = compare(_burned_overlay(shot), expected, rect)
    bad = {s: p for s, p in results.items() if p.iou < MIN_IOU or p.shift_px > 3}
    assert not bad, f"burned-in outline off the bleed: {bad}"

    # once loaded: the slice from Hounsfield units, the mask drawn on it, the controls live
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_function("() => document.querySelector('#view').dataset.source === 'hu'")
    wait_mask_drawn(page, bleed)
    assert page.locator("#overlay").is_enabled() and page.locator("#opacity").is_enabled()
    assert page.locator("#overlay-note").is_hidden()
    placement, off, _ = overlay_placement(page, mask)
    assert placement.iou >= MIN_IOU and placement.shift_px <= 3, placement
    # the picture under the mask is the clean slice: no burned-in colour left
    assert np.count_nonzero(_burned_overlay(off)) < 0.02 * placement.expected_px

    # the download reports its progress (the window note shows it while a large scan loads)
    page.unroute("**/files/hu.npy.gz")
    url = f"api/scans/{job_id}/files/hu.npy.gz"
    size = len(page.request.get(f"{live_server.url}/{url}").body())
    got = page.evaluate(
        """async (url) => {
            const m = await import('./static/js/hu.js');
            const calls = [];
            const v = await m.loadHuVolume(url, (r, t) => calls.push([r, t]));
            return { calls, n: v.n, text: m.loadingText(5e5, 2e6), bare: m.loadingText(1.5e6, 0) };
        }""",
        url,
    )
    received = [c[0] for c in got["calls"]]
    assert received == sorted(received) and got["calls"][-1] == [size, size]
    assert got["n"] == len(report["slices"])
    assert got["text"] == "Loading Hounsfield units… 25 % of 2.0 MB"
    assert got["bare"] == "Loading Hounsfield units… 1.5 MB"
    # on a slow line the window note counts the download up while overlay.mp4 plays
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = max(size // 3, 50_000)  # bytes/s: the volume takes about three seconds
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": rate, "uploadThroughput": rate},
    )
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    # until the video has a frame the stage says it is loading (not a black square)
    video_held: list = []
    page.route("**/files/overlay.mp4", lambda route: video_held.append(route))
    page.reload()
    page.wait_for_function("() => document.querySelector('#view')?.dataset.loading === 'true'")
    page.wait_for_timeout(300)
    paint_stage_magenta(page)
    shot = np.asarray(
        Image.open(io.BytesIO(page.locator("#stage").screenshot())).convert("L"), dtype=np.int16
    )
    h, w = shot.shape
    middle = shot[h // 2 - 12 : h // 2 + 12, w // 4 : 3 * w // 4]
    assert np.count_nonzero(middle > 150) > 50, "no loading text on the stage"
    # the HU volume waits for the video's first frame (the two would share the slow line)
    hu_requests: list = []
    page.on("request", lambda r: hu_requests.append(r.url) if "hu.npy.gz" in r.url else None)
    page.wait_for_timeout(1000)
    assert video_held and hu_requests == []
    for route in video_held:
        route.continue_()
    page.unroute("**/files/overlay.mp4")
    page.locator("#window-note", has_text=" % of ").wait_for()
    assert len(hu_requests) == 1
    assert _source(page) == "overlay-video" and page.locator("#overlay").is_disabled()
    page.wait_for_function("() => document.querySelector('#view').dataset.source === 'hu'")
    assert page.locator("#overlay").is_enabled()
    assert page.eval_on_selector("#view", "c => c.dataset.loading") == "false"
    assert page.console_errors == []


def test_an_hu_scan_whose_video_fails_or_stalls_still_loads_its_hounsfield_units(
    new_page: Any, live_server: LiveServer, phantom_dir: Path
) -> None:
    """The HU download waits for the video's first frame, never for a broken video."""
    page = new_page(1280, 720)
    _, _, held = _open_holding_hu(page, live_server, phantom_dir, "novideo@example.org")
    for route in held:
        route.continue_()
    page.unroute("**/files/hu.npy.gz")
    # the video fails: the slice is drawn from Hounsfield units at once
    page.route("**/files/overlay.mp4", lambda route: route.abort())
    page.reload()
    page.wait_for_function("() => document.querySelector('#view')?.dataset.source === 'hu'")
    assert page.eval_on_selector("#view", "c => c.dataset.drawn") is not None
    assert page.locator("#overlay").is_enabled()
    page.unroute("**/files/overlay.mp4")
    # the video stalls (no frame, no error): the volume loads after the wait (8 s)
    stalled: list = []
    page.route("**/files/overlay.mp4", lambda route: stalled.append(route))
    page.reload()
    page.wait_for_timeout(1500)
    assert page.eval_on_selector("#view", "c => c.dataset.source") == "overlay-video"
    page.wait_for_function(
        "() => document.querySelector('#view').dataset.source === 'hu'", timeout=15_000
    )
    for route in stalled:
        route.continue_()
    page.unroute("**/files/overlay.mp4")
    console = [m for m in page.console_errors if "overlay.mp4" not in m]
    assert console == [], console


def test_an_hu_scan_whose_hounsfield_units_fail_keeps_the_outlined_video(
    new_page: Any, live_server: LiveServer, phantom_dir: Path
) -> None:
    page = new_page(1280, 720)
    _open_holding_hu(page, live_server, phantom_dir, "nohu@example.org", True)
    page.locator("#window-note", has_text="could not be loaded").wait_for()
    assert _source(page) == "overlay-video"
    assert page.locator("#overlay").is_disabled() and page.locator("#overlay-style").is_disabled()
    assert "cannot be hidden" in page.locator("#overlay-note").inner_text()
    stage = page.locator("#stage").bounding_box()
    page.mouse.move(stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
    assert "no Hounsfield units loaded" in page.locator("#probe").inner_text()
    page.get_by_role("button", name="Play").click()
    page.wait_for_function("() => document.querySelector('#scan-video').currentTime > 0.3")
    assert page.console_errors == []


def test_a_scan_without_hounsfield_units_draws_its_masks_over_the_plain_video(
    new_page: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    page = new_page(*SIZES[0])
    _signup(page, live_server, "pngs@example.org")
    study = tmp_path / "pngs.zip"
    study.write_bytes(png_zip_bytes(6, size=128))
    job_id = _upload(page, study)
    _wait_done(page, job_id)
    page.locator(f'#scan-list li[data-id="{job_id}"] a').click()
    page.wait_for_function(
        "() => { const v = document.querySelector('#scan-video'); return v && v.readyState >= 2; }"
    )
    report = page.evaluate(f"fetch('api/scans/{job_id}/files/report.json').then(r => r.json())")
    assert report["files"]["slices_video"] == "slices.mp4" and report["files"]["hu_volume"] is None
    assert page.eval_on_selector("#scan-video", "v => v.src").endswith("/slices.mp4")
    bleed, mask = go_to_largest_bleed(page, live_server, job_id, report)
    wait_mask_drawn(page, bleed)
    assert _source(page) == "video" and page.locator("#overlay-note").is_hidden()
    assert page.locator("#overlay").is_enabled() and page.locator("#opacity").is_enabled()
    for width, height in (SIZES[0], SIZES[-1]):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        wait_mask_drawn(page, bleed)
        placement, _, _ = overlay_placement(page, mask)
        assert placement.iou >= MIN_IOU and placement.shift_px <= 3, (width, height, placement)
    assert page.console_errors == []
