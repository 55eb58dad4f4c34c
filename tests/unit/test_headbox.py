"""Head boxes: find the head, crop to the net's stride, batch under a budget, paste back."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from ichseg.headbox import (
    BoxedBatch,
    area_fraction,
    crop,
    fit_to_stride,
    head_boxes,
    paste,
    plan_batches,
    plan_calls,
)
from ichseg.predict import predict_in_boxes


def _disc(h: int, w: int, cy: float, cx: float, r: float) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w]
    return ((yy - cy) ** 2 + (xx - cx) ** 2) < r**2


def _phantom_planes(tmp_path: Path, n: int = 12) -> np.ndarray:
    from ichseg.phantom import write_phantom
    from ichseg.preprocess import to_display
    from ichseg.readers import read_scan
    from ichseg.spec import PreprocessSpec

    info = write_phantom(tmp_path / "p", n_slices=n, seed=0)
    scan = read_scan(Path(info["nifti"]))
    spec = PreprocessSpec(input_height=256, input_width=256)
    return np.stack([to_display(s, scan.is_hu, spec) / np.float32(255) for s in scan.slices])


def test_box_holds_the_head_of_the_slice_and_its_neighbours_with_stride_sides(
    tmp_path: Path,
) -> None:
    planes = _phantom_planes(tmp_path)
    n, h, w = planes.shape
    boxes = head_boxes(planes, context=1)
    assert boxes.shape == (n, 4)
    for i, (y0, y1, x0, x1) in enumerate(boxes):
        assert y0 % 16 == 0 and y1 % 16 == 0 and x0 % 16 == 0 and x1 % 16 == 0  # frame grid
        assert 0 <= y0 < y1 <= h and 0 <= x0 < x1 <= w
        inside = np.zeros((h, w), bool)
        inside[y0:y1, x0:x1] = True
        for j in range(max(0, i - 1), min(n, i + 2)):
            head = planes[j] > 12 / 255
            assert not (head & ~inside).any(), f"slice {i}: head of slice {j} cut"
    assert area_fraction(plan_batches(boxes, h * w, 1, h, w), n, h, w) < 0.9


def test_table_below_the_head_and_specks_do_not_widen_the_box() -> None:
    h = w = 512
    plane = np.zeros((h, w), np.float32)
    plane[_disc(h, w, 230, 256, 150)] = 0.5  # the head
    plane[470:478, 20:492] = 0.4  # the table: a long bar below it, not touching
    plane[10, 500] = 1.0  # a speck of noise in a corner
    ((y0, y1, x0, x1),) = head_boxes(plane[None], context=0)
    assert y1 <= 230 + 150 + 16 + 16 and y0 >= 230 - 150 - 16 - 16
    assert x0 >= 256 - 150 - 32 and x1 <= 256 + 150 + 32
    assert y1 < 470  # the table is outside


def test_blank_slice_gets_a_small_central_box() -> None:
    ((y0, y1, x0, x1),) = head_boxes(np.zeros((1, 512, 512), np.float32), context=0)
    assert 64 <= y1 - y0 <= 80 and 64 <= x1 - x0 <= 80
    assert y0 < 256 < y1 and x0 < 256 < x1


def test_fit_to_stride_snaps_to_the_frames_grid_and_keeps_odd_frames_whole() -> None:
    """Crops start on the net's pooling grid: off-grid crops change this model's output."""
    assert fit_to_stride((0, 20, 500, 512), 512, 512) == (0, 32, 496, 512)
    assert fit_to_stride((100, 133, 7, 300), 512, 512) == (96, 144, 0, 304)
    assert fit_to_stride((0, 100, 0, 100), 100, 100) == (0, 100, 0, 100)


def test_batches_cover_every_slice_once_within_the_pixel_budget() -> None:
    rng = np.random.default_rng(0)
    boxes = []
    for _ in range(20):
        y0, x0 = (int(v) * 16 for v in rng.integers(0, 12, 2))
        boxes.append((y0, y0 + 256, x0, x0 + 192))
    calls = plan_batches(np.array(boxes), 512 * 512, 8, 512, 512)
    assert calls[0].start == 0 and calls[-1].stop == 20
    assert all(a.stop == b.start for a, b in itertools.pairwise(calls))
    assert all(c.pixels <= 512 * 512 or c.stop - c.start == 1 for c in calls)
    assert max(c.stop - c.start for c in calls) > 1  # small boxes share calls


def test_whole_frames_batch_as_the_pixel_cap_says() -> None:
    """Without crops: 8 requested, 256x256 -> 4 per call, 512x512 -> 1 (as batch_cap)."""
    assert {
        c.stop - c.start for c in plan_calls(np.zeros((8, 256, 256)), 1, 8, 512 * 512, False)
    } == {4}
    calls = plan_calls(np.zeros((3, 512, 512)), 1, 8, 512 * 512, False)
    assert [c.box for c in calls] == [(0, 512, 0, 512)] * 3


def test_paste_puts_the_crop_back_and_fills_the_rest() -> None:
    x = np.random.default_rng(1).random((2, 64, 48, 3)).astype(np.float32)
    box = (16, 48, 0, 32)
    part = crop(x, box)
    assert part.shape == (2, 32, 32, 3) and part.flags.c_contiguous
    full = paste(part[..., 1], box, 64, 48)
    assert np.array_equal(full[:, 16:48, 0:32], x[:, 16:48, 0:32, 1])
    assert (full[:, :16] == 0).all() and (full[:, :, 32:] == 0).all()
    assert BoxedBatch(0, 2, box).pixels == 2 * 32 * 32


def test_pointwise_model_gives_the_same_probabilities_on_boxes_as_on_frames(
    tmp_path: Path,
) -> None:
    planes = _phantom_planes(tmp_path)
    from ichseg.preprocess import stack_context

    x = stack_context(planes, 1)

    def model(batch: np.ndarray) -> np.ndarray:
        return np.clip(batch[..., 1] * 1.5 - 0.2, 0, 1)

    boxed, area = predict_in_boxes(x, model, context=1)
    assert np.array_equal(boxed, model(x) * (x[..., 1] > 0))
    assert 0 < area < 1


def test_a_convolutional_net_gives_the_frames_probabilities_inside_the_head(
    tiny_unet: Path, tmp_path: Path
) -> None:
    """Tiny U-Net with symbolic H/W: on grid-aligned boxes the head's pixels match the frame."""
    import onnxruntime as ort

    from model_export.dynamic import make_dynamic_file

    model = make_dynamic_file(tiny_unet, tmp_path / "tiny-any.onnx")
    sess = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])

    def predict(x: np.ndarray) -> np.ndarray:
        return sess.run(None, {"input": x})[0][..., 0]

    rng = np.random.default_rng(3)
    head = _disc(256, 256, 140, 110, 30)
    x = np.where(head[None, ..., None], rng.random((4, 256, 256, 3)), 0).astype(np.float32)
    boxed, area = predict_in_boxes(x, predict, context=1)
    full = predict(x)
    assert area < 0.25
    assert np.abs(boxed - full)[:, head].max() < 1e-5
