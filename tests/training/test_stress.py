"""Out-of-fold scoring on changed images (training.stress)."""

import json

import numpy as np
import pytest

from training.stress import CONDITIONS, Condition, condition_rng


def _scan(n=3, size=64):
    yy, xx = np.mgrid[:size, :size]
    head = ((yy - size / 2) ** 2 + (xx - size / 2) ** 2 < (0.4 * size) ** 2).astype(np.float32)
    displays = [(head * (110 + 20 * np.sin(xx / 3.0 + k))).astype(np.uint8) for k in range(n)]
    blood = ((yy - size / 2) ** 2 + (xx - 0.62 * size) ** 2 < 36).astype(np.uint8)
    for d in displays:
        d[blood > 0] = 190
    return displays, [blood * 255 for _ in range(n)]


@pytest.mark.parametrize("name", list(CONDITIONS))
def test_each_condition_changes_the_slices_and_keeps_their_number_shape_and_dtype(name):
    displays, masks = _scan()
    out, out_masks = CONDITIONS[name].change(list(displays), list(masks), condition_rng(name, "p"))
    assert len(out) == len(displays) and len(out_masks) == len(masks)
    for a, b in zip(out, displays, strict=True):
        assert a.shape == b.shape and a.dtype == np.uint8
    assert (
        np.mean([np.abs(a.astype(int) - b).mean() for a, b in zip(out, displays, strict=True)])
        > 0.2
    )


@pytest.mark.parametrize(("name", "factor"), [("zoom-0.85", 0.85), ("zoom-1.15", 1.15)])
def test_zoom_moves_the_mask_with_the_image_and_scales_its_area(name, factor):
    displays, masks = _scan(n=1, size=96)
    out, out_masks = CONDITIONS[name].change(displays, masks, condition_rng(name, "p"))
    area = (out_masks[0] > 0).sum() / (masks[0] > 0).sum()
    assert area == pytest.approx(factor**2, rel=0.15)
    # The blood (grey 190) is still under the moved mask.
    assert out[0][out_masks[0] > 0].mean() > 170


def test_hypodense_darkens_the_blood_below_the_brain_and_nothing_far_from_it():
    displays, masks = _scan(n=1)
    out, out_masks = CONDITIONS["hypodense-0.8"].change(displays, masks, condition_rng("h", "p"))
    inside = masks[0] > 0
    assert out[0][inside].mean() < 0.9 * 115 and out_masks[0] is masks[0]
    far = np.ones_like(inside)
    far[16:48, 24:56] = False
    np.testing.assert_array_equal(out[0][far], displays[0][far])


def test_a_patient_gets_the_same_noise_in_every_run_and_another_patient_other_noise():
    displays, masks = _scan(n=1)
    change = CONDITIONS["noise-0.03"].change
    a = change(displays, masks, condition_rng("noise-0.03", "001"))[0][0]
    b = change(displays, masks, condition_rng("noise-0.03", "001"))[0][0]
    c = change(displays, masks, condition_rng("noise-0.03", "002"))[0][0]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.fixture
def two_runs(tmp_path, onnx_builders):
    """Two CV folders of 3 folds over 6 tiny patients, band models, plain OOF written."""
    from tiny_training import make_dataset, tiny_config

    from training.cv import write_oof
    from training.train import spec_for

    make_dataset(tmp_path / "data", n_patients=6, size=32)
    cfg = tiny_config(tmp_path)
    folds = [["001", "002"], ["003", "004"], ["005", "006"]]
    runs = []
    for name, low in (("base", 0.62), ("cand", 0.7)):
        run = tmp_path / name
        run.mkdir()
        (run / "folds.json").write_text(json.dumps({"k": 3, "folds": folds}))
        for k, patients in enumerate(folds):
            fold = run / f"fold{k}"
            fold.mkdir()
            fold_cfg = cfg.model_copy(update={"out_dir": fold, "val_patients": patients})
            (fold / "config.json").write_text(fold_cfg.model_dump_json())
            path = onnx_builders.band_slice(fold / "model.onnx", spec_for(cfg))
            if low != 0.62:  # the candidate's band starts higher: other predictions
                import onnx

                model = onnx.load(str(path))
                for t in model.graph.initializer:
                    if t.name == "low":
                        t.float_data[:] = [low]
                onnx.save(model, str(path))
            write_oof(fold_cfg, fold, patients)
        runs.append(run)
    return runs


def test_an_unchanged_scan_scores_exactly_as_its_out_of_fold_predictions(two_runs, monkeypatch):
    import training.stress as stress

    base, _ = two_runs
    monkeypatch.setitem(stress.CONDITIONS, "same", Condition("same", lambda d, m, r: (d, m), "-"))
    out = stress.write_stress(base, 1, "same")
    for pid in ("003", "004"):
        z, plain = np.load(out / f"{pid}.npz"), np.load(base / "fold1" / "oof" / f"{pid}.npz")
        for key in ("prob", "slice", "truth", "subtype_truth", "slice_numbers"):
            np.testing.assert_array_equal(z[key], plain[key])


def test_stress_predictions_are_kept_and_made_again_only_when_the_condition_changes(two_runs):
    from training.stress import write_stress

    base, _ = two_runs
    out = write_stress(base, 0, "gamma-1.4")
    first = (out / "001.npz").stat().st_mtime_ns
    assert not np.array_equal(
        np.load(out / "001.npz")["prob"], np.load(base / "fold0" / "oof" / "001.npz")["prob"]
    )
    write_stress(base, 0, "gamma-1.4")
    assert (out / "001.npz").stat().st_mtime_ns == first
    # Interrupted after one patient: the next run keeps it and does the rest.
    (out / "made.json").write_text(
        json.dumps({"condition": "gamma-1.4", "v": 1, "complete": False})
    )
    (out / "002.npz").unlink()
    write_stress(base, 0, "gamma-1.4")
    assert (out / "001.npz").stat().st_mtime_ns == first and (out / "002.npz").exists()
    # Made under an older definition of the condition: every patient is made again.
    (out / "made.json").write_text(json.dumps({"condition": "gamma-1.4", "v": 0, "complete": True}))
    write_stress(base, 0, "gamma-1.4")
    assert (out / "001.npz").stat().st_mtime_ns != first
    assert json.loads((out / "made.json").read_text()) == {
        "condition": "gamma-1.4",
        "v": 1,
        "complete": True,
    }


def test_a_fold_without_an_export_is_a_clear_error(two_runs):
    from training.stress import main

    base, _ = two_runs
    (base / "fold2" / "model.onnx").unlink()
    assert main(["--cv-dir", str(base), "--folds", "2", "--conditions", "blur-1.0"]) == 2


def test_the_report_pairs_each_condition_on_recipes_chosen_on_the_baselines_plain_oof(
    two_runs, capsys
):
    from training.oof import fold_choices, load_cv, paired
    from training.stress import main

    base, cand = two_runs
    assert (
        main(
            [
                "--cv-dir",
                str(cand),
                "--folds",
                "0,1",
                "--conditions",
                "blur-1.0",
                "--against",
                str(base),
            ]
        )
        == 0
    )
    rep = json.loads((cand / "stress_report.json").read_text())
    assert list(rep["rows"]) == ["plain", "blur-1.0"]
    assert rep["rows"]["plain"]["folds"] == [0, 1]
    expected = paired(
        load_cv(cand, "stress/blur-1.0"),
        load_cv(base, "stress/blur-1.0"),
        choices=fold_choices(load_cv(base), [0, 1]),
    )
    assert rep["rows"]["blur-1.0"]["dice_difference"]["mean"] == pytest.approx(
        expected["dice_difference"]["mean"], nan_ok=True
    )
    assert "| blur-1.0 |" in capsys.readouterr().out
