"""The web app in headless Chromium against a live embedded server."""

from __future__ import annotations

import base64
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import RESULTS, LiveServer
from tests.server.helpers import png_zip_bytes

pytestmark = pytest.mark.browser


def _signup(page: Any, server: LiveServer, email: str, password: str = "correct horse") -> None:
    page.goto(f"{server.url}/#/signup")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Your scans").wait_for()


def _upload(page: Any, path: Path) -> str:
    page.set_input_files("#file-input", str(path))
    page.get_by_text(f'Uploaded "{path.name}"').wait_for()
    item = page.locator("#scan-list li.scan", has_text=path.name).first
    item.wait_for()
    return str(item.get_attribute("data-id"))


def _wait_done(page: Any, job_id: str, timeout_s: float = 60) -> None:
    # No reload: the list must update by itself (server-sent events).
    page.locator(f'#scan-list li[data-id="{job_id}"][data-status="done"]').wait_for(
        timeout=timeout_s * 1000
    )


def _set_range(page: Any, selector: str, value: float) -> None:
    page.eval_on_selector(
        selector,
        "(el, v) => { el.value = String(v); "
        "el.dispatchEvent(new Event('input', {bubbles: true})); }",
        value,
    )


def _video_state(page: Any) -> dict[str, Any]:
    return dict(
        page.eval_on_selector(
            "#scan-video",
            "v => ({t: v.currentTime, paused: v.paused, rate: v.playbackRate})",
        )
    )


def _mask_alpha(page: Any) -> int:
    """How red the drawn slice is (sum of red over green): 0 when no overlay is drawn."""
    return int(
        page.eval_on_selector(
            "#view",
            """c => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => {
                     const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                     let s = 0;
                     for (let i = 0; i < d.length; i += 4) s += Math.max(0, d[i] - d[i + 1] - 4);
                     r(s); })))""",
        )
    )


def test_signup_upload_watch_and_control_the_viewer(
    new_page: Any, live_server: LiveServer, phantom_dir: Path
) -> None:
    page = new_page()
    _signup(page, live_server, "viewer@example.org")
    job_id = _upload(page, phantom_dir / "phantom.nii.gz")
    _wait_done(page, job_id)
    page.locator(f'#scan-list li[data-id="{job_id}"] a').click()
    page.wait_for_function(
        "() => { const v = document.querySelector('#scan-video'); return v && v.readyState >= 2; }"
    )
    assert "Haemorrhage detected" in page.locator("#verdict").inner_text()
    assert re.search(r"\d+\.\d mL", page.locator("#volume").inner_text())
    # the band model's subtype head is not calibrated: no subtype is shown
    assert page.locator("#subtypes").count() == 0
    assert "epidural" not in page.locator("main").inner_text().lower()
    total = int(page.eval_on_selector("#slice", "el => el.max"))
    assert total == 24
    report = page.evaluate(f"fetch('api/scans/{job_id}/files/report.json').then(r => r.json())")
    peak = max(report["slices"], key=lambda s: s["area_px"])["index"]
    assert page.locator("#slice-label").inner_text() == f"{peak} / {total}"  # triage first

    # play: currentTime advances from where the viewer opened (the peak slice); pause stops it
    start = page.evaluate("() => document.querySelector('#scan-video').currentTime")
    page.get_by_role("button", name="Play").click()
    page.wait_for_function(
        "s => Math.abs(document.querySelector('#scan-video').currentTime - s) > 0.3", arg=start
    )
    page.wait_for_function("() => document.querySelector('#play').textContent === 'Pause'")
    page.locator("#play").click()
    assert _video_state(page)["paused"]

    # speed
    page.get_by_label("Speed").select_option("2")
    assert _video_state(page)["rate"] == 2
    page.get_by_label("Speed").select_option("0.25")
    assert _video_state(page)["rate"] == 0.25

    # scrub to the slice with the most bleed: label, time and mask follow
    report = page.evaluate(f"fetch('api/scans/{job_id}/files/report.json').then(r => r.json())")
    fps = report["video"]["fps"]
    bleed = max(report["slices"], key=lambda s: s["area_px"])["index"]
    _set_range(page, "#slice", bleed)
    assert page.locator("#slice-label").inner_text() == f"{bleed} / {total}"
    expected_t = (bleed - 0.5) / fps
    page.wait_for_function(
        f"() => Math.abs(document.querySelector('#scan-video').currentTime - {expected_t}) < 1e-3"
    )
    page.wait_for_function("() => document.querySelector('#view').dataset.drawn === 'true'")
    shown = _mask_alpha(page)
    assert shown > 0

    # overlay off clears the mask, on brings it back; opacity scales it
    page.get_by_label("Show bleed overlay").uncheck()
    assert _mask_alpha(page) == 0
    page.get_by_label("Show bleed overlay").check()
    page.wait_for_function("() => document.querySelector('#view').dataset.drawn === 'true'")
    _set_range(page, "#opacity", 1.0)
    assert _mask_alpha(page) > shown

    # frame steps and keyboard
    page.get_by_role("button", name="Next slice").click()
    assert page.locator("#slice-label").inner_text() == f"{bleed + 1} / {total}"
    page.locator("#stage").focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#slice-label").inner_text() == f"{bleed - 1} / {total}"
    page.keyboard.press("Space")
    page.wait_for_function("() => !document.querySelector('#scan-video').paused")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('#scan-video').paused")

    # the probability strip jumps to the clicked slice
    box = page.locator("#strip").bounding_box()
    page.locator("#strip").click(position={"x": box["width"] * 2.5 / total, "y": box["height"] / 2})
    assert page.locator("#slice-label").inner_text() == f"3 / {total}"

    # wheel scrolls through slices; a horizontal drag at 100% scrubs
    stage = page.locator("#stage").bounding_box()
    cx, cy = stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.wheel(0, 100)
    page.mouse.wheel(0, 100)
    assert page.locator("#slice-label").inner_text() == f"5 / {total}"
    page.mouse.wheel(0, -100)
    assert page.locator("#slice-label").inner_text() == f"4 / {total}"
    page.mouse.down()
    page.mouse.move(cx + 48, cy, steps=6)
    page.mouse.up()
    assert page.locator("#slice-label").inner_text() == f"7 / {total}"
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    assert page.locator("#zoom-level").inner_text() == "120%"
    page.locator("#zoom-reset").click()

    # two-finger pinch (touch pointers) zooms in
    page.eval_on_selector(
        "#stage",
        """stage => {
            const r = stage.getBoundingClientRect(), y = r.top + r.height / 2;
            const fire = (type, id, x) => stage.dispatchEvent(new PointerEvent(type, {
                pointerId: id, pointerType: 'touch', clientX: x, clientY: y, bubbles: true}));
            const c = r.left + r.width / 2;
            fire('pointerdown', 11, c - 40); fire('pointerdown', 12, c + 40);
            fire('pointermove', 11, c - 60); fire('pointermove', 12, c + 60);
            fire('pointerup', 11, c - 60); fire('pointerup', 12, c + 60);
        }""",
    )
    assert page.locator("#zoom-level").inner_text() == "150%"
    page.locator("#zoom-reset").click()

    # zoom in, pan, reset
    page.get_by_role("button", name="Zoom in").click()
    assert page.locator("#zoom-level").inner_text() == "150%"
    assert page.eval_on_selector("#stage", "el => el.dataset.zoom").startswith("1.5,")
    before = page.eval_on_selector("#stage", "el => el.dataset.zoom")
    # the Zoom in button sits low in the side panel: clicking it may have scrolled the page
    stage = page.locator("#stage").bounding_box()
    cx, cy = stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 40, cy + 30, steps=4)
    page.mouse.up()
    assert page.eval_on_selector("#stage", "el => el.dataset.zoom") != before
    page.locator("#stage").focus()
    page.keyboard.press("0")
    assert page.locator("#zoom-level").inner_text() == "100%"

    # downloads point at the three files and they are served
    for link, kind in (
        ("#dl-video", "video/mp4"),
        ("#dl-masks", "application/zip"),
        ("#dl-report", "application/json"),
    ):
        href = page.eval_on_selector(link, "a => a.href")
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"].startswith(kind)

    assert page.evaluate(_CONTRAST_JS) == []
    RESULTS.mkdir(exist_ok=True)
    _set_range(page, "#slice", bleed)
    page.screenshot(path=str(RESULTS / "viewer-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    time.sleep(0.3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(RESULTS / "viewer-375.png"), full_page=True)
    assert page.console_errors == []


def test_scans_page_fits_a_phone_and_checks_the_file_type(
    new_page: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    page = new_page(375, 812)
    _signup(page, live_server, "phone@example.org")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    camera = page.locator("#camera-input")
    assert camera.get_attribute("capture") == "environment"
    assert camera.get_attribute("accept") == "video/*"
    notes = tmp_path / "notes.txt"
    notes.write_text("not a scan")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.method == "POST" else None)
    page.set_input_files("#file-input", str(notes))
    page.get_by_role("alert").filter(has_text="is not a supported scan").wait_for()
    assert not [u for u in requests if u.endswith("/api/scans")]

    # a file of the right type that holds no scan is accepted, then fails with its message
    empty_zip = tmp_path / "notes.zip"
    with zipfile.ZipFile(empty_zip, "w") as zf:
        zf.writestr("notes.txt", "no slices here")
    job_id = _upload(page, empty_zip)
    failed = page.locator(f'#scan-list li[data-id="{job_id}"][data-status="failed"]')
    failed.wait_for(timeout=30_000)
    assert "Failed" in failed.inner_text()
    message = failed.locator(".meta").inner_text()
    assert len(message.split(" · ")) == 3 and "\n" not in message
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # drag and drop a zip of PNG slices onto the drop zone: uploaded and segmented
    data = base64.b64encode(png_zip_bytes(3)).decode()
    transfer = page.evaluate_handle(
        """b64 => { const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                   const dt = new DataTransfer();
                   dt.items.add(new File([bytes], 'dropped.zip', {type: 'application/zip'}));
                   return dt; }""",
        data,
    )
    page.dispatch_event(".drop", "dragover", {"dataTransfer": transfer})
    page.dispatch_event(".drop", "drop", {"dataTransfer": transfer})
    page.get_by_text('Uploaded "dropped.zip"').wait_for()
    page.locator('#scan-list li[data-status="done"]', has_text="dropped.zip").wait_for(
        timeout=30_000
    )
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "scans-375.png"), full_page=True)


def test_forgot_password_through_the_logged_link(new_page: Any, live_server: LiveServer) -> None:
    page = new_page()
    _signup(page, live_server, "forgetful@example.org", "old password")
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("heading", name="Log in").wait_for()
    page.get_by_role("link", name="Forgot password?").click()
    # wait for the reset form, or the fill can land in the log-in form it replaces
    page.get_by_role("heading", name="Forgot password").wait_for()
    page.get_by_label("E-mail").fill("forgetful@example.org")
    page.get_by_role("button", name="Send reset link").click()
    page.get_by_text("server log has a reset link").wait_for()
    links = [
        m.group(0)
        for line in live_server.records
        if "forgetful@example.org" in line
        for m in [re.search(r"http://\S+#/reset\?token=\S+", line)]
        if m
    ]
    assert len(links) == 1
    page.goto(links[0])
    page.get_by_label("New password").fill("brand new password")
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("Password changed").wait_for()
    page.goto(f"{live_server.url}/#/login")
    page.get_by_label("E-mail").fill("forgetful@example.org")
    page.get_by_label("Password").fill("old password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("alert").filter(has_text="wrong e-mail or password").wait_for()
    page.get_by_label("Password").fill("brand new password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Your scans").wait_for()


def test_second_user_cannot_open_first_users_scan(
    new_page: Any, live_server: LiveServer, phantom_dir: Path
) -> None:
    owner = new_page()
    _signup(owner, live_server, "owner@example.org")
    job_id = _upload(owner, phantom_dir / "phantom.nii.gz")
    _wait_done(owner, job_id)

    intruder = new_page()
    _signup(intruder, live_server, "intruder@example.org")
    assert intruder.locator("#scan-list li").count() == 0
    intruder.goto(f"{live_server.url}/#/scans/{job_id}")
    intruder.get_by_role("heading", name="Scan not found").wait_for()
    for path in ("", "/files/report.json", "/files/overlay.mp4", "/files/masks.zip"):
        response = intruder.request.get(f"{live_server.url}/api/scans/{job_id}{path}")
        assert response.status == 404, path
    # and the owner still can
    assert owner.request.get(f"{live_server.url}/api/scans/{job_id}/files/report.json").ok


_CONTRAST_JS = """
() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || el.closest('[hidden]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.disabled) continue;
    const fg = lum(parse(style.color)); const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const large = parseFloat(style.fontSize) >= 24
      || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    const text = el.textContent.trim().slice(0, 30);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName} "${text}" ${ratio.toFixed(2)}`);
  }
  return bad;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_and_focus_order(new_page: Any, live_server: LiveServer, scheme: str) -> None:
    page = new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}/#/login")
    page.get_by_role("heading", name="Log in").wait_for()
    assert page.evaluate(_CONTRAST_JS) == []

    # a route change moves focus to the main region; Tab then walks the form top to bottom
    assert page.evaluate("document.activeElement.id") == "main"
    order = []
    for _ in range(5):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent)"
                ".trim(); }"
            )
        )
    assert order == ["E-mail", "Password", "Log in", "Forgot password?", "Create an account"]
    _signup(page, live_server, f"contrast-{scheme}@example.org")
    assert page.evaluate(_CONTRAST_JS) == []


def test_logout_in_another_tab_returns_the_scans_page_to_login(
    new_page: Any, live_server: LiveServer
) -> None:
    first = new_page()
    _signup(first, live_server, "two-tabs@example.org")
    second = first.context.new_page()
    second.goto(f"{live_server.url}/#/scans")
    second.get_by_role("heading", name="Your scans").wait_for()
    second.get_by_role("button", name="Log out").click()
    first.get_by_role("heading", name="Log in").wait_for(timeout=10_000)
    assert first.url.endswith("#/login")
