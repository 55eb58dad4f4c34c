"""Screen recordings of the phantom (1280x720, image at 700x700, text): crop, segment, map back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ichseg.framing import crop, find_framing, paste_mask
from ichseg.metrics import dice
from ichseg.phantom import make_volume
from ichseg.preprocess import window_hu
from ichseg.service import segment_scan
from ichseg.video import write_video

FRAME_H, FRAME_W, VIEW, TOP, LEFT = 720, 1280, 700, 10, 120


def _record(display: np.ndarray, k: int, n: int) -> np.ndarray:
    """One screen frame: black 1280x720, the slice at 700x700 off-centre, text lines."""
    frame = Image.new("RGB", (FRAME_W, FRAME_H), (0, 0, 0))
    view = Image.fromarray(display).resize((VIEW, VIEW), Image.Resampling.BILINEAR)
    frame.paste(view.convert("RGB"), (LEFT, TOP))
    draw = ImageDraw.Draw(frame)
    draw.rectangle((0, 0, FRAME_W, 22), fill=(60, 60, 70))  # a browser bar
    draw.text((900, 40), f"Im: {k + 1}/{n}   W:120 L:40", fill=(255, 255, 255))
    draw.text((900, 690), "ichseg phantom - exported from viewer", fill=(230, 230, 0))
    return np.asarray(frame)


@pytest.fixture(scope="module")
def phantom() -> tuple[np.ndarray, np.ndarray]:
    hu, mask = make_volume(24, 256, seed=3)
    return window_hu(hu, 40.0, 120.0), mask


def _truth_in_frame(mask: np.ndarray) -> np.ndarray:
    out = np.zeros((FRAME_H, FRAME_W), bool)
    big = Image.fromarray(mask.astype(np.uint8) * 255).resize(
        (VIEW, VIEW), Image.Resampling.NEAREST
    )
    out[TOP : TOP + VIEW, LEFT : LEFT + VIEW] = np.asarray(big) > 0
    return out


def _mean_dice(out: Path, truth: list[np.ndarray]) -> float:
    masks = [np.asarray(Image.open(p)) > 0 for p in sorted((out / "masks").glob("*.png"))]
    return float(np.mean([dice(m, t) for m, t in zip(masks, truth, strict=True) if t.any()]))


def test_a_1280x720_recording_with_text_scores_like_the_plain_slices(
    phantom: tuple[np.ndarray, np.ndarray], opened_band_segmenter, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    displays, mask = phantom
    n = len(displays)
    plain = tmp_path / "plain"
    plain.mkdir()
    for k, d in enumerate(displays):
        Image.fromarray(d).save(plain / f"{k + 1:03d}.png")
    rep_plain = segment_scan(plain, tmp_path / "out_plain", opened_band_segmenter)
    assert rep_plain["input"]["framing"] is None  # plain slices are left exactly as they were
    video = tmp_path / "recording.mp4"
    write_video((_record(d, k, n) for k, d in enumerate(displays)), video, 5)
    rep_rec = segment_scan(video, tmp_path / "out_rec", opened_band_segmenter)

    framing = rep_rec["input"]["framing"]
    assert framing is not None
    top, left, bottom, right = framing["head_box"]
    assert LEFT <= left < right <= LEFT + VIEW and TOP <= top < bottom <= TOP + VIEW
    d_plain = _mean_dice(tmp_path / "out_plain", list(mask))
    d_rec = _mean_dice(tmp_path / "out_rec", [_truth_in_frame(m) for m in mask])
    print(f"Dice plain {d_plain:.4f}, recording {d_rec:.4f}")
    assert d_plain > 0.75
    assert d_rec >= d_plain - 0.02
    assert rep_rec["scan"]["haemorrhage"] == rep_plain["scan"]["haemorrhage"] is True
    assert rep_rec["scan"]["bleeding_slices"] == rep_plain["scan"]["bleeding_slices"]


def test_crop_and_paste_round_trip_past_the_frame_edges() -> None:
    frames = [np.zeros((100, 300), np.uint8) for _ in range(3)]
    for i, f in enumerate(frames):
        f[20:90, 5:75] = 100 + 40 * i  # the head, changing from frame to frame, at the edge
        f[2:6, 200:290] = 255  # static text
    framing = find_framing(frames)
    assert framing is not None
    assert framing.head == (20, 5, 90, 75)
    cut = crop(frames[0], framing)
    assert cut.shape == (framing.size, framing.size)
    assert cut.sum() == frames[0][20:90, 5:75].sum()  # the text stays out, the head is whole
    back = paste_mask(np.where(cut > 0, 255, 0).astype(np.uint8), framing)
    np.testing.assert_array_equal(back > 0, frames[0] == 100)


def test_a_square_centred_slice_is_not_cropped() -> None:
    frames = [np.zeros((256, 256), np.uint8) for _ in range(3)]
    for i, f in enumerate(frames):
        f[40:216, 50:206] = 60 + 30 * i
    assert find_framing(frames) is None
