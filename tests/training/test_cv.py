"""Cross-validation: fold assignment, resumable fold training, out-of-fold output."""

import json

import numpy as np
import pytest

from training.cv import assign_folds

pytest.importorskip("keras")


def test_folds_are_disjoint_cover_every_patient_and_have_equal_size():
    burden = {f"{i:03d}": (i % 3) * 4 for i in range(60)}
    folds = assign_folds(burden, {}, 5, seed=1)
    flat = [p for f in folds for p in f]
    assert sorted(flat) == sorted(burden) and len(set(flat)) == 60
    assert [len(f) for f in folds] == [12] * 5


def test_rare_subtypes_and_bleeding_patients_spread_over_the_folds():
    burden = {f"{i:03d}": (3 if i < 28 else 0) for i in range(60)}
    kinds = {f"{i:03d}": ["Subdural"] for i in range(5)}
    kinds.update({f"{i:03d}": ["Epidural"] for i in range(5, 15)})
    folds = assign_folds(burden, kinds, 5, seed=7)
    for fold in folds:
        assert sum(kinds.get(p) == ["Subdural"] for p in fold) == 1
        assert sum(kinds.get(p) == ["Epidural"] for p in fold) == 2
    bleeders = [sum(burden[p] > 0 for p in f) for f in folds]
    assert max(bleeders) - min(bleeders) <= 1


def test_large_and_small_bleeds_do_not_gather_in_one_fold():
    burden = {f"{i:03d}": i + 1 for i in range(20)}
    folds = assign_folds(burden, {}, 4, seed=3)
    totals = [sum(burden[p] for p in f) for f in folds]
    assert max(totals) - min(totals) <= 20  # 210 slices in all, 52.5 a fold


def test_fold_assignment_is_reproducible_and_rejects_a_bad_k():
    burden = {f"{i:03d}": i % 2 for i in range(10)}
    assert assign_folds(burden, {}, 5, 0) == assign_folds(burden, {}, 5, 0)
    with pytest.raises(ValueError, match="k must be"):
        assign_folds(burden, {}, 1, 0)


@pytest.mark.tf
def test_cv_trains_a_fold_writes_folds_and_serving_path_oof(tmp_path):
    from tiny_training import make_dataset, tiny_config

    from training.cv import load_folds, run_cv

    make_dataset(tmp_path / "data", n_patients=6, size=32)
    cfg = tiny_config(tmp_path, slice_head=True, select="last", validate_every=0)
    run_cv(cfg, tmp_path / "cv", k=3, only=[1])
    folds = load_folds(tmp_path / "cv")
    assert len(folds) == 3 and sorted(p for f in folds for p in f) == [
        f"{i:03d}" for i in range(1, 7)
    ]
    fold = tmp_path / "cv" / "fold1"
    assert json.loads((fold / "split.json").read_text())["val"] == folds[1]
    assert (fold / "model.onnx").exists() and not (tmp_path / "cv" / "fold0").exists()
    for pid in folds[1]:
        z = np.load(fold / "oof" / f"{pid}.npz")
        assert z["prob"].shape == (4, 32, 32) and z["slice"].shape == (4,)
        assert z["truth"].shape == (4, 32, 32)
    # A second call finds the fold done and changes nothing.
    stamp = (fold / "summary.json").stat().st_mtime_ns
    oof_stamp = (fold / "oof" / f"{folds[1][0]}.npz").stat().st_mtime_ns
    run_cv(cfg, tmp_path / "cv", k=3, only=[1])
    assert (fold / "summary.json").stat().st_mtime_ns == stamp
    assert (fold / "oof" / f"{folds[1][0]}.npz").stat().st_mtime_ns == oof_stamp
    # OOF made another way (before head boxes served) is made again; the training is not.
    (fold / "oof" / "made.json").write_text('{"path": "whole frames"}')
    run_cv(cfg, tmp_path / "cv", k=3, only=[1])
    assert (fold / "summary.json").stat().st_mtime_ns == stamp
    assert (fold / "oof" / f"{folds[1][0]}.npz").stat().st_mtime_ns != oof_stamp
    assert json.loads((fold / "oof" / "made.json").read_text())["v"] == 2


def test_oof_goes_through_the_serving_model_calls(tmp_path):
    """Head boxes and the serving batch: the OOF heads equal predict_scan's raw heads."""
    from tiny_training import make_dataset, tiny_config

    from ichseg.adapters.onnx_segmenter import OnnxSegmenter
    from ichseg.predict import model_heads
    from training.cv import load_folds, run_cv
    from training.data import load_dataset
    from training.train import spec_for

    make_dataset(tmp_path / "data", n_patients=6, size=32)
    cfg = tiny_config(tmp_path, slice_head=True, select="last", validate_every=0)
    run_cv(cfg, tmp_path / "cv", k=3, only=[0])
    pid = load_folds(tmp_path / "cv")[0][0]
    fold = tmp_path / "cv" / "fold0"
    seg = OnnxSegmenter.from_path(fold / "model.onnx", prefer_gpu=False)
    spec = spec_for(cfg)
    (vol,) = load_dataset(cfg.data_dir, spec, cfg.cache_dir, patients=[pid]).values()
    displays = [np.rint(p * 255).astype(np.uint8) for p in vol.x[..., spec.context_slices]]
    served = model_heads(
        displays, seg, spec, batch_size=8, max_batch_pixels=512 * 512, head_boxes=seg.any_input_size
    )
    z = np.load(fold / "oof" / f"{pid}.npz")
    np.testing.assert_allclose(z["prob"].astype(np.float32), served.prob, atol=2e-3)
    np.testing.assert_allclose(z["slice"], np.ravel(served.slice), atol=1e-5)


@pytest.mark.tf
def test_an_interrupted_run_resumes_to_the_same_weights(tmp_path, monkeypatch):
    import keras
    from tiny_training import make_dataset, tiny_config

    import training.train as tt

    make_dataset(tmp_path / "data", size=32)
    base = tiny_config(tmp_path, slice_head=True, lr_schedule="steps").model_copy(
        update={"epochs": 3, "steps_per_epoch": 2}
    )
    tt.train(base.model_copy(update={"out_dir": tmp_path / "whole"}), show_progress=False)

    calls = {"n": 0}
    real = tt.float32_copy

    def die_after_two_epochs(model, cfg):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the session ends during epoch 3's validation
        return real(model, cfg)

    parts = base.model_copy(update={"out_dir": tmp_path / "parts"})
    monkeypatch.setattr(tt, "float32_copy", die_after_two_epochs)
    with pytest.raises(KeyboardInterrupt):
        tt.train(parts, show_progress=False)
    assert json.loads((tmp_path / "parts" / "resume.json").read_text())["epoch"] == 2
    monkeypatch.setattr(tt, "float32_copy", real)
    summary = tt.train(parts, show_progress=False)
    assert summary["steps"] == 6
    assert not (tmp_path / "parts" / "resume.json").exists()
    a = keras.models.load_model(tmp_path / "whole" / "last.keras", compile=False)
    b = keras.models.load_model(tmp_path / "parts" / "last.keras", compile=False)
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_allclose(wa, wb, rtol=1e-5, atol=1e-6)
    epochs = [json.loads(x)["epoch"] for x in (tmp_path / "parts" / "history.jsonl").open()]
    assert epochs == [1, 2, 3]


@pytest.mark.tf
def test_select_last_keeps_the_last_epoch_not_the_best_on_held_out(tmp_path):
    import keras
    from tiny_training import make_dataset, tiny_config

    from training.train import train

    make_dataset(tmp_path / "data", size=32)
    cfg = tiny_config(tmp_path, select="last", validate_every=0).model_copy(update={"epochs": 3})
    summary = train(cfg, show_progress=False)
    history = [json.loads(x) for x in (tmp_path / "run" / "history.jsonl").open()]
    assert "dice" not in history[0] and "dice" in history[-1]  # validated at the end only
    assert summary["best"]["epoch"] == 3
    best = keras.models.load_model(tmp_path / "run" / "best.keras", compile=False)
    last = keras.models.load_model(tmp_path / "run" / "last.keras", compile=False)
    for wa, wb in zip(best.get_weights(), last.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)


@pytest.mark.tf
def test_slice_head_scores_each_slice_and_exports_as_a_named_output(tmp_path):
    from ichseg.spec import PreprocessSpec
    from model_export.onnx_export import export_onnx, onnx_heads
    from training.model import build_unet

    model = build_unet(None, None, 3, base_width=4, depth=2, subtype_classes=5, slice_head=True)
    x = np.random.default_rng(0).random((2, 32, 32, 3), np.float32)
    prob, subtype, score = (np.asarray(t) for t in model(x, training=False))
    assert prob.shape == (2, 32, 32, 1) and subtype.shape == (2, 5) and score.shape == (2, 1)
    spec = PreprocessSpec(input_height=32, input_width=32)
    heads = onnx_heads(export_onnx(model, tmp_path / "m.onnx", spec), x)
    assert set(heads) == {"prob", "subtype", "slice"}
    np.testing.assert_allclose(heads["slice"], score, atol=1e-5)
    np.testing.assert_allclose(heads["subtype"], subtype, atol=1e-5)


def test_progress_keeps_weights_and_resume_points_but_never_oof(tmp_path):
    from training.cv import save_progress
    from training.progress import seed_from

    run = tmp_path / "run"
    (run / "fold0" / "oof").mkdir(parents=True)
    (run / "folds.json").write_text('{"folds": []}')
    for name in ("last.keras", "resume.weights.npz", "resume.json", "history.jsonl"):
        (run / "fold0" / name).write_text(name)
    (run / "fold0" / "oof" / "001.npz").write_text("masks")
    (run / "fold0" / "model.onnx").write_text("graph")
    kept = tmp_path / "kept"
    written = {p.relative_to(kept).as_posix() for p in save_progress(run, kept)}
    assert written == {
        "folds.json",
        "fold0/last.keras",
        "fold0/resume.weights.npz",
        "fold0/resume.json",
        "fold0/history.jsonl",
    }
    # The fold finishes: its resume point disappears from the kept folder too.
    (run / "fold0" / "resume.json").unlink()
    (run / "fold0" / "resume.weights.npz").unlink()
    save_progress(run, kept)
    assert not (kept / "fold0" / "resume.json").exists()
    fresh = tmp_path / "fresh"
    (fresh / "fold0").mkdir(parents=True)
    (fresh / "fold0" / "history.jsonl").write_text("newer")
    seed_from(kept, fresh)
    assert (fresh / "fold0" / "last.keras").read_text() == "last.keras"
    assert (fresh / "fold0" / "history.jsonl").read_text() == "newer"  # present files win


@pytest.mark.tf
def test_int8_oof_is_calibrated_on_the_folds_training_patients_only(tmp_path, monkeypatch):
    from tiny_training import make_dataset, tiny_config

    from model_export import quantize
    from training.cv import load_folds, run_cv
    from training.oof import main as oof_main

    seen: list[list[str]] = []
    real = quantize.calibration_inputs

    def spy(data_dir, patients, spec, **kw):
        seen.append(list(patients))
        return real(data_dir, patients, spec, **kw)

    monkeypatch.setattr(quantize, "calibration_inputs", spy)
    make_dataset(tmp_path / "data", n_patients=6, size=32)
    cfg = tiny_config(tmp_path, slice_head=True, select="last", validate_every=0)
    run_cv(cfg, tmp_path / "cv", k=2, int8=True)
    folds = load_folds(tmp_path / "cv")
    assert len(seen) == 2
    for k, patients in enumerate(seen):
        assert set(patients).isdisjoint(folds[k]) and len(patients) == 6 - len(folds[k])
        fold = tmp_path / "cv" / f"fold{k}"
        assert (fold / "model.int8.onnx").exists() and (fold / "model.int8.spec.json").exists()
        for pid in folds[k]:
            with (
                np.load(fold / "oof-int8" / f"{pid}.npz") as z,
                np.load(fold / "oof" / f"{pid}.npz") as f,
            ):
                assert z["prob"].shape == f["prob"].shape
    run_cv(cfg, tmp_path / "cv", k=2, int8=True)  # done: nothing is quantised again
    assert len(seen) == 2
    made = {
        k: (tmp_path / "cv" / f"fold{k}" / "oof-int8" / "made.json").stat().st_mtime_ns
        for k in (0, 1)
    }
    # A new int8 recipe remakes each fold's int8 export and its OOF, once.
    monkeypatch.setattr(quantize, "INT8_RECIPE", quantize.INT8_RECIPE | {"method": "changed"})
    run_cv(cfg, tmp_path / "cv", k=2, int8=True)
    run_cv(cfg, tmp_path / "cv", k=2, int8=True)
    assert len(seen) == 4
    for k in (0, 1):
        fold = tmp_path / "cv" / f"fold{k}"
        assert json.loads((fold / "model.int8.made.json").read_text())["method"] == "changed"
        assert (fold / "oof-int8" / "made.json").stat().st_mtime_ns > made[k]
    cv = str(tmp_path / "cv")
    assert oof_main(["--cv-dir", cv, "--oof", "oof-int8", "--against", cv]) == 0
    rep = json.loads((tmp_path / "cv" / "compare_report.json").read_text())
    assert rep["folds"] == [0, 1]


def test_cv_command_overrides_the_configs_arithmetic_for_this_machine(tmp_path, monkeypatch):
    import training.cv as cv

    (tmp_path / "a.yaml").write_text(f"data_dir: {tmp_path}\nprecision: mixed_bfloat16\n")
    seen = {}
    monkeypatch.setattr(cv, "run_cv", lambda cfg, *a, **k: seen.setdefault("cfg", cfg))
    args = ["--config", str(tmp_path / "a.yaml"), "--cv-dir", str(tmp_path / "cv")]
    assert cv.main([*args, "--precision", "float32"]) == 0
    assert seen.pop("cfg").precision == "float32"
    assert cv.main(args) == 0
    assert seen.pop("cfg").precision == "mixed_bfloat16"
    assert cv.main([*args, "--no-jit-compile"]) == 0
    assert seen.pop("cfg").jit_compile is False
    assert cv.main([*args, "--jit-compile"]) == 0
    assert seen.pop("cfg").jit_compile is True
    with pytest.raises(SystemExit):
        cv.main([*args, "--precision", "float16"])
