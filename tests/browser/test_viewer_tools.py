"""The viewer's triage cues, reading tools, scan identity and housekeeping in Chromium,
by keyboard and at 375 px; takes the docs screenshots (synthetic phantom only).

The screenshots go to a temporary folder; with ``ICHSEG_UPDATE_DOC_IMAGES=1`` they replace
those in ``docs/images/`` (so that a plain test run leaves the git tree clean)."""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests.browser.conftest import LiveServer
from tests.browser.test_viewer_overlay import open_phantom, wait_mask_drawn
from tests.browser.test_web_app import _mask_alpha, _upload, _wait_done
from tests.server.helpers import png_zip_bytes

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs" / "images"
#: Set to ``1`` to rewrite the screenshots in ``docs/images/``.
UPDATE_ENV = "ICHSEG_UPDATE_DOC_IMAGES"


@pytest.fixture(scope="module")
def doc_images(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the docs screenshots go: ``docs/images/`` when asked for, else a tmp folder."""
    if os.environ.get(UPDATE_ENV) == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path_factory.mktemp("doc-images")


def _picture(page: Any) -> np.ndarray:
    png = page.locator("#stage").screenshot()
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.int16)


#: How many canvas pixels have the keyboard crosshair's yellow.
_CROSSHAIR_PIXELS = """() => {
  const c = document.querySelector('#view');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i] > 220 && d[i + 1] > 190 && d[i + 2] < 120) n += 1;
  }
  return n;
}"""


def _label(page: Any) -> str:
    return str(page.locator("#slice-label").inner_text())


def test_triage_reading_tools_identity_and_housekeeping(
    new_page: Any, live_server: LiveServer, phantom_dir: Path, tmp_path: Path, doc_images: Path
) -> None:
    page = new_page(1366, 768)
    job_id, report = open_phantom(page, live_server, phantom_dir, "reader@example.org")
    total = len(report["slices"])
    bleeding = report["scan"]["bleeding_slices"]
    peak = max(report["slices"], key=lambda s: s["area_px"])["index"]

    # triage: opens at the largest bleed; "Next bleed" walks the bleeding slices and wraps
    assert _label(page) == f"{peak} / {total}"
    info = page.locator("#slice-info").inner_text()
    assert info.startswith(f"Slice {peak}: called bleeding, score ") and " mm²." in info
    seen = []
    for _ in bleeding:
        page.get_by_role("button", name="Next bleeding slice").click()
        seen.append(int(_label(page).split(" / ")[0]))
    assert sorted(seen) == sorted(bleeding)

    # identity and wording: no patient identity, no "null", the upload name
    text = page.locator("main").inner_text()
    for bad in ("null", "undefined", "NaN", "probability"):
        assert bad not in text
    identity = page.locator("#identity").inner_text()
    assert "24 slices" in identity and "0.80 × 0.80 × 5.0 mm" in identity
    assert "uploaded as phantom.nii.gz" in identity
    assert "Haemorrhage detected on 5 slices" in page.locator("#verdict").inner_text()

    # window/level from HU: presets change the picture; the values follow
    page.locator("#slice").focus()
    page.evaluate(
        f"() => {{ const s = document.querySelector('#slice'); s.value = '{peak}';"
        " s.dispatchEvent(new Event('input')); }"
    )
    wait_mask_drawn(page, peak)
    assert page.eval_on_selector("#view", "c => c.dataset.source") == "hu"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(doc_images / "viewer-1366-brain.png"))
    brain = _picture(page)
    page.get_by_label("Preset").select_option("bone")
    assert page.locator("#ww").input_value() == "2800"
    assert page.locator("#wl").input_value() == "600"
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(200)
    page.screenshot(path=str(doc_images / "viewer-1366-bone.png"))
    bone = _picture(page)
    assert np.abs(brain - bone).mean() > 10
    page.get_by_label("Width").fill("130")
    page.get_by_label("Level").fill("50")
    page.get_by_label("Level").press("Tab")
    assert page.locator("#window").input_value() == "subdural"

    # the HU under the pointer: brain is about 35 HU in the phantom
    rect = [float(v) for v in page.eval_on_selector("#view", "c => c.dataset.rect").split(",")]
    stage = page.locator("#stage").bounding_box()
    cx = stage["x"] + rect[0] + rect[2] * 0.5
    cy = stage["y"] + rect[1] + rect[3] * 0.75
    page.mouse.move(cx, cy)
    probe = page.locator("#probe").inner_text()
    value = int(probe.split(": ")[1].split(" HU")[0])
    assert 0 < value < 80, probe

    # length and area in mm (the phantom has 0.8 mm pixels)
    page.get_by_role("button", name="Length").click()
    page.mouse.move(cx - 50, cy)
    page.mouse.down()
    page.mouse.move(cx + 50, cy, steps=5)
    page.mouse.up()
    page.get_by_role("button", name="Area").click()
    page.mouse.move(cx - 20, cy - 20)
    page.mouse.down()
    page.mouse.move(cx + 20, cy + 20, steps=5)
    page.mouse.up()
    items = page.locator("#measures li").all_inner_texts()
    assert len(items) == 2
    mm_per_px = 0.8 * 256 / rect[2]
    length = float(items[0].split("length ")[1].split(" mm")[0])
    assert abs(length - 100 * mm_per_px) < 2
    assert " mm²" in items[1] and " HU" in items[1]
    page.get_by_role("button", name="Clear").click()
    assert page.locator("#measures li").count() == 0
    page.keyboard.press("Escape")

    # outline mode draws less red than the filled overlay; orientation markers are shown
    filled = _mask_alpha(page)
    page.get_by_label("Style").select_option("outline")
    page.wait_for_timeout(200)
    outline = _mask_alpha(page)
    assert 0 < outline < filled
    page.get_by_label("Style").select_option("fill")

    # rename: the new name shows, the upload name stays in the identity line
    page.get_by_role("button", name="Rename").click()
    page.get_by_label("New name").fill("Phantom, first upload")
    page.get_by_role("button", name="Save name").click()
    page.get_by_role("heading", name="Phantom, first upload").wait_for()

    # the scans list: positives first, marked, with volume and bleeding slices
    negative = tmp_path / "blank.zip"
    negative.write_bytes(png_zip_bytes(3, bleed=(0, 0)))
    page.goto(f"{live_server.url}/#/scans")
    neg_id = _upload(page, negative)
    _wait_done(page, neg_id)
    rows = page.locator("#scan-list li.scan")
    assert rows.first.get_attribute("data-id") == job_id
    assert rows.first.get_attribute("data-positive") == "true"
    first = rows.first.inner_text()
    assert "Bleed" in first and "5 bleeding slices" in first and " mL" in first
    assert "Phantom, first upload" in first and "uploaded as phantom.nii.gz" in first
    last = page.locator(f'#scan-list li[data-id="{neg_id}"]').inner_text()
    assert "No haemorrhage found" in last

    # delete: gone from the list and from disk
    page.locator(f'#scan-list li[data-id="{neg_id}"] a').click()
    page.get_by_role("button", name="Delete", exact=True).click()
    page.get_by_role("button", name="Delete permanently").click()
    page.get_by_role("heading", name="Your scans").wait_for()
    page.locator(f'#scan-list li[data-id="{neg_id}"]').wait_for(state="detached")
    assert not [p for p in live_server.data_dir.rglob("*") if neg_id in str(p)]
    assert page.console_errors == []


def test_a_slice_called_by_its_score_alone_says_it_has_no_outline(
    new_page: Any, live_server: LiveServer
) -> None:
    # With the neighbour-aware slice score a slice can be called bleeding with no pixel
    # over the pixel threshold: its line must not read as "0 mm² of bleed".
    page = new_page(1366, 768)
    page.goto(live_server.url)
    lines = page.evaluate(
        """async () => {
          const m = await import('./static/js/viewer-model.js');
          return [
            m.sliceLine(9, { haemorrhage: true, probability: 0.77, area_px: 0, area_mm2: 0 }),
            m.sliceLine(11, { haemorrhage: true, probability: 1, area_px: 1800, area_mm2: 1152 }),
            m.sliceLine(3, { haemorrhage: false, probability: 0.004, area_px: 0 }),
          ];
        }"""
    )
    assert lines == [
        "Slice 9: called bleeding by its score (0.77), no outline drawn: review this slice.",
        "Slice 11: called bleeding, score 1.00, bleed area 1152.0 mm².",
        "Slice 3: not called bleeding, score 0.00, bleed area 0 px.",
    ]


def test_keyboard_walk_and_phone_layout(
    new_page: Any, live_server: LiveServer, phantom_dir: Path, doc_images: Path
) -> None:
    page = new_page(375, 812)
    _, report = open_phantom(page, live_server, phantom_dir, "keys@example.org")
    total = len(report["slices"])
    peak = max(report["slices"], key=lambda s: s["area_px"])["index"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Play is on screen without scrolling; the overlay checkbox is a real target
    play = page.locator("#play").bounding_box()
    assert play["y"] + play["height"] <= 812
    box = page.locator("#overlay").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24

    # Tab reaches every control; arrows still step when a button has focus
    reached = []
    page.locator("#stage").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("document.activeElement.id || document.activeElement.textContent")
        )
    for control in (
        "play",
        "prev",
        "next",
        "next-bleed",
        "slice",
        "window",
        "wl",
        "ww",
        "overlay",
        "overlay-style",
        "opacity",
        "tool-length",
        "tool-area",
        "clear-measures",
        "zoom-in",
        "zoom-reset",
        "speed",
        "rename",
        "delete",
    ):
        assert control in reached, control
    page.locator("#next").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("#slice-label").inner_text() == f"{peak + 1} / {total}"
    page.keyboard.press("n")
    page.keyboard.press("4")  # bone window
    assert page.locator("#window").input_value() == "bone"
    page.keyboard.press("1")
    assert page.locator("#window").input_value() == "brain"
    page.locator("#overlay").focus()
    page.keyboard.press("Space")
    assert not page.locator("#overlay").is_checked()
    page.keyboard.press("Space")
    page.locator("#tool-length").focus()
    page.keyboard.press("Enter")
    assert page.locator("#tool-length").get_attribute("aria-pressed") == "true"

    # measuring by keyboard: the help says how; arrows move a crosshair on the focused image,
    # Enter sets the first then the second point, Escape cancels (the phantom: 0.8 mm pixels)
    assert "arrow keys" in page.locator("#measure-help").inner_text()
    assert "Enter or Space sets the first point" in page.locator("#stage").get_attribute(
        "aria-label"
    )
    page.wait_for_function("() => !document.querySelector('#window').disabled")  # HU pixels
    label = page.locator("#slice-label").inner_text()
    assert page.evaluate(_CROSSHAIR_PIXELS) == 0  # not drawn while the image is not focused
    page.locator("#stage").focus()
    page.wait_for_function(f"() => ({_CROSSHAIR_PIXELS})() > 20")  # a visible crosshair
    x0, y0 = map(int, page.locator("#stage").get_attribute("data-cursor").split(","))
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")  # cancels the length begun, keeps the tool
    assert page.locator("#measures li").count() == 0
    assert page.locator("#tool-length").get_attribute("aria-pressed") == "true"
    assert page.locator("#stage").get_attribute("data-cursor") == f"{x0 + 2},{y0}"
    assert "Crosshair at pixel" in page.locator("#probe").inner_text()
    page.keyboard.press("Enter")
    for _ in range(5):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    assert page.locator("#slice-label").inner_text() == label  # arrows moved the crosshair
    items = page.locator("#measures li").all_inner_texts()
    assert len(items) == 1 and "length 40.0 mm" in items[0], items
    page.locator("#tool-area").focus()
    page.keyboard.press("Enter")
    page.locator("#stage").focus()
    page.keyboard.press("Space")
    for key in ("Shift+ArrowRight", "Shift+ArrowDown") * 3:
        page.keyboard.press(key)
    page.keyboard.press("Space")
    items = page.locator("#measures li").all_inner_texts()
    assert len(items) == 2 and "area 452.4 mm²" in items[1] and " HU" in items[1], items
    page.keyboard.press("Escape")  # no point pending: back to scrolling
    assert page.locator("#tool-browse").get_attribute("aria-pressed") == "true"
    page.locator("#delete").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Cancel").focus()
    page.keyboard.press("Enter")
    assert page.locator("#delete").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(doc_images / "viewer-375.png"), full_page=True)
    assert page.console_errors == []


def test_a_failed_scan_is_worded_plainly(new_page: Any, live_server: LiveServer) -> None:
    page = new_page()
    page.goto(f"{live_server.url}/#/signup")
    page.get_by_label("E-mail").fill("failing@example.org")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Your scans").wait_for()
    data = base64.b64encode(b"PK\x05\x06" + b"\0" * 18).decode()
    page.evaluate(
        """b64 => { const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                   const dt = new DataTransfer();
                   dt.items.add(new File([bytes], 'empty.zip', {type: 'application/zip'}));
                   const input = document.querySelector('#file-input'); input.files = dt.files;
                   input.dispatchEvent(new Event('change')); }""",
        data,
    )
    failed = page.locator('#scan-list li[data-status="failed"]')
    failed.wait_for(timeout=30_000)
    failed.locator("a").click()
    state = page.locator("#scan-state").inner_text()
    assert state.startswith("Processing failed") and "is failed" not in state
