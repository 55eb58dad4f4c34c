"""Where the bleed overlay lands on screen, compared with where the picture is drawn.

The check uses pixels only, never DOM boxes: the stage's background is painted magenta, so
the picture's rectangle is the non-magenta part of a screenshot with the overlay off; the
overlay is what changes between screenshots with the overlay on and off; and the expected
overlay is the slice's mask mapped into the picture's rectangle. When zoomed, the picture's
rectangle is found by registering the zoomed screenshot against the picture at 100%.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

#: Viewport sizes of the acceptance test: laptops, full HD and a phone in portrait.
SIZES = [(1366, 768), (1280, 720), (1440, 900), (1536, 864), (1920, 1080), (390, 844)]
MAGENTA = np.array([255, 0, 255])
#: A screen pixel counts as overlay when some channel changes by more than this.
DIFF_THRESHOLD = 40
#: Least intersection over union of drawn and expected overlay.
MIN_IOU = 0.8


@dataclass
class Placement:
    """How well the overlay on screen matches the mask mapped into the picture."""

    iou: float
    shift_px: float
    rect: tuple[float, float, float, float]
    drawn_px: int
    expected_px: int


def _shot(page: Any) -> np.ndarray:
    png = page.locator("#stage").screenshot(animations="disabled")
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)


def _settle(page: Any) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    time.sleep(0.15)


def _overlay_pair(page: Any) -> tuple[np.ndarray, np.ndarray]:
    """Screenshots of the stage with the overlay on, then off (the overlay is left on).

    Ticking the box may scroll the page to it, and the picture column is sticky, so the page
    goes back to where it was before each screenshot: both show the stage at one position.
    """
    box = page.get_by_label("Show bleed overlay")
    y = page.evaluate("window.scrollY")

    def toggle(on: bool) -> None:
        box.check() if on else box.uncheck()
        page.evaluate(f"window.scrollTo(0, {y})")
        _settle(page)

    toggle(True)
    on = _shot(page)
    toggle(False)
    off = _shot(page)
    toggle(True)
    return on, off


def _longest_run(flags: np.ndarray) -> tuple[int, int]:
    """``(start, length)`` of the longest run of ``True`` in a 1-D array."""
    best, start = (0, 0), None
    for i, flag in enumerate([*flags.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start > best[1]:
                best = (start, i - start)
            start = None
    return best


def picture_rect(off: np.ndarray) -> tuple[float, float, float, float]:
    """``(x, y, w, h)`` of the non-magenta part of a stage screenshot.

    The picture spans the longest run of columns (rows) that are mostly not magenta, which
    ignores the odd line of page background that an element screenshot may include.
    """
    not_bg = np.abs(off - MAGENTA).sum(axis=2) > 90
    x, w = _longest_run(not_bg.mean(axis=0) > 0.5)
    y, h = _longest_run(not_bg.mean(axis=1) > 0.5)
    assert w and h, "no picture on the stage"
    return float(x), float(y), float(w), float(h)


def expected_overlay(
    mask: np.ndarray, rect: tuple[float, float, float, float], shape: tuple[int, int]
) -> np.ndarray:
    """The mask (image pixels) mapped into ``rect`` on a screen of ``shape``."""
    x, y, w, h = rect
    mh, mw = mask.shape
    rows = np.arange(shape[0]) + 0.5
    cols = np.arange(shape[1]) + 0.5
    iy = np.floor((rows - y) / h * mh).astype(int)
    ix = np.floor((cols - x) / w * mw).astype(int)
    inside = (iy[:, None] >= 0) & (iy[:, None] < mh) & (ix[None, :] >= 0) & (ix[None, :] < mw)
    out = np.zeros(shape, dtype=bool)
    yy = np.clip(iy, 0, mh - 1)
    xx = np.clip(ix, 0, mw - 1)
    out[inside] = (mask[yy[:, None], xx[None, :]] > 127)[inside]
    return out


def compare(drawn: np.ndarray, expected: np.ndarray, rect: Any) -> Placement:
    """IoU and centroid shift of two boolean screen masks."""
    inter = np.count_nonzero(drawn & expected)
    union = np.count_nonzero(drawn | expected)
    shift = float("inf")
    if drawn.any() and expected.any():
        a = np.argwhere(drawn).mean(axis=0)
        b = np.argwhere(expected).mean(axis=0)
        shift = float(np.hypot(*(a - b)))
    return Placement(
        iou=inter / union if union else 0.0,
        shift_px=shift,
        rect=tuple(round(v, 1) for v in rect),  # type: ignore[arg-type]
        drawn_px=int(np.count_nonzero(drawn)),
        expected_px=int(np.count_nonzero(expected)),
    )


def paint_stage_magenta(page: Any) -> None:
    """Make the stage background tell the picture apart (inline style: allowed by the CSP)."""
    page.eval_on_selector(
        "#stage", "el => el.style.setProperty('background', 'rgb(255, 0, 255)', 'important')"
    )


def overlay_placement(page: Any, mask: np.ndarray) -> tuple[Placement, np.ndarray, Any]:
    """Where the overlay lands at the current size, zoom 100%.

    Returns:
        The placement, the overlay-off screenshot and the picture rectangle.
    """
    paint_stage_magenta(page)
    on, off = _overlay_pair(page)
    rect = picture_rect(off)
    drawn = np.abs(on - off).max(axis=2) > DIFF_THRESHOLD
    expected = expected_overlay(mask, rect, off.shape[:2])
    return compare(drawn, expected, rect), off, rect


def _register(
    zoomed: np.ndarray, picture: np.ndarray, w: float, h: float
) -> tuple[float, float, float, float]:
    """The rectangle (of size ``w`` x ``h``) where ``picture`` appears in ``zoomed``."""
    grey_z = zoomed.mean(axis=2)
    grey_p = picture.mean(axis=2)
    sh, sw = grey_z.shape
    ys = np.linspace(2, sh - 3, 48)
    xs = np.linspace(2, sw - 3, 48)
    pts_y, pts_x = np.meshgrid(ys, xs, indexing="ij")
    screen = grey_z[pts_y.astype(int), pts_x.astype(int)]

    def cost(x0: float, y0: float) -> float:
        py = ((pts_y - y0) / h * grey_p.shape[0]).astype(int)
        px = ((pts_x - x0) / w * grey_p.shape[1]).astype(int)
        ok = (py >= 0) & (py < grey_p.shape[0]) & (px >= 0) & (px < grey_p.shape[1])
        if ok.sum() < 0.5 * ok.size:
            return float("inf")
        return float(np.abs(grey_p[py[ok], px[ok]] - screen[ok]).mean())

    best = (float("inf"), 0.0, 0.0)
    for step, span in ((8, None), (1, 8)):
        if span is None:
            cx = np.arange(min(sw - w, 0) - 8, max(sw - w, 0) + 9, step)
            cy = np.arange(min(sh - h, 0) - 8, max(sh - h, 0) + 9, step)
        else:
            cx = np.arange(best[1] - span, best[1] + span + 1, step)
            cy = np.arange(best[2] - span, best[2] + span + 1, step)
        for x0 in cx:
            for y0 in cy:
                c = cost(float(x0), float(y0))
                if c < best[0]:
                    best = (c, float(x0), float(y0))
    return best[1], best[2], w, h


def zoomed_overlay_placement(
    page: Any, mask: np.ndarray, unzoomed_off: np.ndarray, unzoomed_rect: Any, scale: float
) -> Placement:
    """Where the overlay lands once zoomed by ``scale`` (and possibly panned)."""
    x, y, w, h = unzoomed_rect
    picture = unzoomed_off[int(y) : int(y + h), int(x) : int(x + w)]
    on, off = _overlay_pair(page)
    rect = _register(off, picture, w * scale, h * scale)
    drawn = np.abs(on - off).max(axis=2) > DIFF_THRESHOLD
    expected = expected_overlay(mask, rect, off.shape[:2])
    return compare(drawn, expected, rect)
