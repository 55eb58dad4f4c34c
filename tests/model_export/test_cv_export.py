"""Shipping a cross-validation: ensemble graph, out-of-fold recipe in the spec, card."""

import json

import numpy as np
import pytest

pytest.importorskip("tensorflow")
pytestmark = [pytest.mark.tf, pytest.mark.slow]


def test_cv_export_ships_the_fold_ensemble_with_the_oof_recipe_and_its_int8_export(tmp_path):
    from tiny_training import make_dataset, tiny_config

    from ichseg.adapters.onnx_segmenter import OnnxSegmenter
    from ichseg.spec import PreprocessSpec
    from model_export.cv_export import export_cv
    from training.cv import run_cv

    make_dataset(tmp_path / "data", n_patients=6, size=32)
    cfg = tiny_config(tmp_path, slice_head=True, select="last", validate_every=0)
    run_cv(cfg, tmp_path / "cv", k=2, int8=True)
    facts = export_cv(tmp_path / "cv", tmp_path / "models", "9.9.9", int8=True)
    assert facts["members"] == ["fold0/best.keras", "fold1/best.keras"]
    assert facts["parity"] <= 1e-4
    spec = PreprocessSpec.load(tmp_path / "models" / "ichseg-unet.spec.json")
    assert spec.model_version == "9.9.9" and spec.scan_rule in ("max", "pair")
    assert spec.slice_threshold == pytest.approx(facts["oof"]["shipped_choice"]["slice_threshold"])
    seg = OnnxSegmenter.from_path(tmp_path / "models" / "ichseg-unet.onnx")
    with np.load(tmp_path / "models" / "ichseg-unet.reference.npz") as z:
        x = z["x_uint8"].astype(np.float32) / 255.0
        heads = seg.predict_heads(x)
        assert np.abs(np.ravel(heads.slice) - np.ravel(z["slice"])).max() <= 1e-4
    card = (tmp_path / "models" / "MODEL_CARD.md").read_text()
    assert "Out-of-fold figures" in card and "95 % CI" in card and "| 1 |" in card
    assert "scan ROC AUC" in card and "For comparison, not shipped" in card
    assert spec.slice_context == facts["oof"]["shipped_choice"]["slice_context"]
    assert ("stronger neighbour" in card) is (spec.slice_context > 0)
    json.loads((tmp_path / "cv" / "export_facts.json").read_text())
    # int8: beside the float model, judged on the folds' own int8 exports out of fold.
    int8 = facts["int8"]
    assert (tmp_path / "models" / "ichseg-unet.int8.onnx").is_file()
    assert int8["oof"]["folds"] == [0, 1] and int8["calibration_patients"] == 6
    assert spec.serve_int8 is int8["serves"]
    assert f"Served by default: {'yes' if int8['serves'] else 'no'}" in card
    assert "## The int8 export" in card and int8["why"] in card
    # One fold's model alone: calibrated on that fold's training patients only.
    one = export_cv(tmp_path / "cv", tmp_path / "one", "9.9.9", folds=[0], int8=True)
    train0 = json.loads((tmp_path / "cv" / "fold0" / "split.json").read_text())["train"]
    assert one["fold"] == 0 and one["members"] == ["fold0/best.keras"]
    assert one["trained_on"] == one["int8"]["calibration_patients"] == len(train0) < 6
    card = (tmp_path / "one" / "MODEL_CARD.md").read_text()
    assert "One fold model of a 2-fold cross-validation (fold 0" in card
    assert "An ensemble" not in card and "it scored fold 0's patients" in card


def _paired(diff, calls):
    """The fields of ``training.oof.paired`` that the verdict reads; calls are
    (has_bleed, int8 flagged, float flagged)."""
    patients = [
        {"pid": f"{i:03d}", "has_bleed": b, "flagged": [c, f]} for i, (b, c, f) in enumerate(calls)
    ]
    return {"folds": [0, 1], "dice_difference": {"mean": diff}, "patients": patients}


GOOD_PARITY = {"mask_agreement": 0.99, "subtype_max_abs": 0.02}


@pytest.mark.parametrize(
    ("parity", "oof", "serves", "why"),
    [
        (GOOD_PARITY, _paired(-0.004, [(True, 1, 1), (False, 0, 0)]), True, "0 of 2 scan calls"),
        (GOOD_PARITY, _paired(0.0, [(True, 1, 1), (False, 0, 1)]), True, "no bleeding patient"),
        (GOOD_PARITY, _paired(-0.006, [(True, 1, 1)]), False, "-0.0060"),
        (GOOD_PARITY, _paired(+0.010, [(True, 0, 1)]), False, "no longer flagged: 000"),
        (GOOD_PARITY, None, False, "no fold has int8 out-of-fold predictions"),
        ({"mask_agreement": 0.9, "subtype_max_abs": 0.0}, _paired(0.0, []), False, "parity"),
    ],
)
def test_int8_serves_only_when_parity_and_the_folds_int8_oof_allow(parity, oof, serves, why):
    from model_export.cv_export import int8_verdict

    got, reason = int8_verdict(parity, oof)
    assert got is serves and why in reason


def test_cv_export_ships_one_distilled_student_with_its_cross_validation(tmp_path):
    from tiny_training import make_dataset, tiny_config

    from ichseg.spec import PreprocessSpec
    from model_export.cv_export import main
    from training.cv import run_cv
    from training.train import train

    make_dataset(tmp_path / "data", n_patients=6, size=32)
    teacher = tiny_config(tmp_path, slice_head=True, select="last", validate_every=0)
    run_cv(teacher, tmp_path / "cv", k=2)
    student = teacher.model_copy(update={"base_width": 2, "teacher_cv_dir": tmp_path / "cv"})
    run_cv(student, tmp_path / "student", k=2)
    final = student.model_copy(
        update={
            "teacher_cv_dir": None,
            "teachers": [tmp_path / "cv" / f"fold{k}" / "last.keras" for k in (0, 1)],
            "n_val": 0,
            "out_dir": tmp_path / "final",
        }
    )
    summary = train(final, show_progress=False)
    assert summary["val_patients"] == [] and len(summary["train_patients"]) == 6
    model = tmp_path / "final" / "last.keras"
    args = ["--cv-dir", str(tmp_path / "student"), "--out", str(tmp_path / "models")]
    assert main([*args, "--version", "3.0.0", "--model", str(model)]) == 0
    facts = json.loads((tmp_path / "student" / "export_facts.json").read_text())
    assert facts["members"] == [str(model)] and facts["single"] is True
    assert facts["config"]["base_width"] == 2 and len(facts["config"]["teachers"]) == 2
    spec = PreprocessSpec.load(tmp_path / "models" / "ichseg-unet.spec.json")
    assert spec.scan_threshold == pytest.approx(facts["oof"]["shipped_choice"]["scan_threshold"])
    card = (tmp_path / "models" / "MODEL_CARD.md").read_text()
    assert "distilled from 2 cross-validation fold models" in card
    assert "An ensemble" not in card and "Out-of-fold figures" in card


def test_cv_export_refuses_a_missing_fold(tmp_path):
    from model_export.cv_export import main

    (tmp_path / "folds.json").write_text(json.dumps({"folds": [["001"], ["002"]]}))
    assert main(["--cv-dir", str(tmp_path), "--out", str(tmp_path / "m"), "--version", "1"]) == 2


def test_cv_export_refuses_a_single_model_its_cross_validation_does_not_estimate(tmp_path):
    from tiny_training import tiny_config

    from model_export.cv_export import export_cv

    fold = tiny_config(tmp_path, slice_head=True, select="last", validate_every=0)
    (tmp_path / "cv" / "fold0").mkdir(parents=True)
    (tmp_path / "cv" / "fold0" / "config.json").write_text(fold.model_dump_json())
    (tmp_path / "cv" / "folds.json").write_text(json.dumps({"folds": [["001"], ["002"]]}))
    other = "mixed_bfloat16" if fold.precision == "float32" else "float32"
    cases = {
        "held_out": (fold.model_copy(update={"out_dir": tmp_path / "a"}), "held patients out"),
        "wider": (
            fold.model_copy(
                update={"out_dir": tmp_path / "b", "n_val": 0, "base_width": 8, "precision": other}
            ),
            "differs in base_width\\)",  # the arithmetic is not the recipe: not named
        ),
    }
    for cfg, message in cases.values():
        cfg.out_dir.mkdir()
        (cfg.out_dir / "config.json").write_text(cfg.model_dump_json())
        (cfg.out_dir / "last.keras").write_bytes(b"never loaded")
        with pytest.raises(ValueError, match=message):
            export_cv(
                tmp_path / "cv", tmp_path / "models", "9.9.9", model=cfg.out_dir / "last.keras"
            )
    assert not (tmp_path / "models").exists()


def test_the_card_names_a_single_models_arithmetic_only_where_it_is_not_the_folds():
    from model_export.cv_export import arithmetic_line

    bf16 = "mixed_bfloat16"
    same = [{"epoch": e, "steps": 250 * e, "precision": bf16} for e in (1, 2)]
    assert arithmetic_line(same, bf16) == ""
    mixed = [
        {"epoch": 1, "steps": 250},
        {"epoch": 2, "steps": 500, "precision": bf16},
        {"epoch": 3, "steps": 750, "precision": "float32"},
        {"epoch": 4, "steps": 1000, "precision": "float32"},
    ]
    line = arithmetic_line(mixed, bf16)
    assert "unrecorded for steps 1-250, mixed_bfloat16 for steps 251-500" in line
    assert "float32 for steps 501-1,000 (the fold models: mixed_bfloat16 throughout)" in line


def test_the_cards_first_sentence_names_the_slice_score_the_spec_serves():
    from model_export.cv_export import slice_score_words

    assert "learned slice head, temperature" in slice_score_words("head")
    assert slice_score_words("pixels").startswith("its largest pixel probability")


def _row(base_dice, cand_dice, diff, ci, flags):
    figures = [
        {"dice": d, "bleeding_flagged": f[0], "bleeding": 11, "clean_flagged": f[1], "clean": 13}
        for d, f in zip((base_dice, cand_dice), flags, strict=True)
    ]
    return {
        "folds": [0, 2],
        "baseline": figures[0],
        "candidate": figures[1],
        "dice_difference": {"mean": diff, "ci95": ci, "bleeding_patients": 11},
    }


def test_the_card_says_what_the_augmentation_did_as_with_minus_without_per_condition():
    from model_export.cv_export import _ablation_section
    from training.stress import CONDITIONS

    assert _ablation_section(None) == []
    rep = {
        "rows": {
            "plain": _row(0.43, 0.41, -0.02, [-0.05, 0.01], [(10, 4), (9, 5)]),
            "hypodense-0.8": _row(0.30, 0.10, -0.20, [-0.30, -0.12], [(10, 2), (6, 2)]),
        }
    }
    text = "\n".join(_ablation_section(rep))
    assert "## What the robustness augmentation did" in text and "Folds 0, 2" in text
    assert "| plain slices | 0.430 | 0.410 | +0.020 (-0.010 to +0.050) | 10 / 9 of 11 |" in text
    what = CONDITIONS["hypodense-0.8"].what
    assert (
        f"| {what} | 0.300 | 0.100 | +0.200 (+0.120 to +0.300) | 10 / 6 of 11 | 2 / 2 of 13 |"
        in text
    )
