"""Training configs: a recipe's variant names only what differs from its base."""

from pathlib import Path

import pytest

from training.config import TrainConfig


def test_a_config_takes_its_base_and_overrides_keys_and_nested_augment_keys(tmp_path):
    (tmp_path / "base.yaml").write_text(
        "base_width: 16\nepochs: 12\naugment:\n  p_jpeg: 0.2\n  flip_lr: 0.5\n"
    )
    (tmp_path / "variant.yaml").write_text(
        "base: base.yaml\nbase_width: 8\naugment:\n  p_jpeg: 0.0\n"
    )
    cfg = TrainConfig.from_yaml(tmp_path / "variant.yaml")
    assert (cfg.base_width, cfg.epochs) == (8, 12)
    assert (cfg.augment.p_jpeg, cfg.augment.flip_lr) == (0.0, 0.5)


def test_a_base_loop_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("base: b.yaml\n")
    (tmp_path / "b.yaml").write_text("base: a.yaml\n")
    with pytest.raises(ValueError, match="base loop"):
        TrainConfig.from_yaml(tmp_path / "a.yaml")


def test_the_student_recipe_is_the_cv_recipe_with_a_narrower_distilled_net():
    from pathlib import Path

    cv = TrainConfig.from_yaml(Path("configs/cv.yaml"))
    student = TrainConfig.from_yaml(Path("configs/student.yaml"))
    assert student.base_width < cv.base_width and student.teacher_cv_dir is not None
    differs = {k for k in type(cv).model_fields if getattr(cv, k) != getattr(student, k)}
    assert differs == {"base_width", "teacher_cv_dir", "out_dir"}


def test_the_shipped_student_is_the_long_student_on_every_patient_from_every_fold_teacher():
    import json
    from pathlib import Path

    student = TrainConfig.from_yaml(Path("configs/student-long.yaml"))
    final = TrainConfig.from_yaml(Path("configs/student-final.yaml"))
    k = len(json.loads(Path("cv/folds.json").read_text())["folds"])
    assert final.teachers == [Path(f"cv/fold{i}/last.keras") for i in range(k)]
    assert final.n_val == 0 and final.teacher_cv_dir is None
    differs = {f for f in type(student).model_fields if getattr(student, f) != getattr(final, f)}
    assert differs == {"teachers", "teacher_cv_dir", "n_val", "out_dir"}


def test_the_long_student_differs_from_the_student_in_its_schedule_only():
    student = TrainConfig.from_yaml(Path("configs/student.yaml"))
    long = TrainConfig.from_yaml(Path("configs/student-long.yaml"))
    assert long.epochs * long.steps_per_epoch == 2 * student.epochs * student.steps_per_epoch
    differs = {f for f in type(student).model_fields if getattr(student, f) != getattr(long, f)}
    assert differs == {"epochs", "out_dir"}


def test_the_single_final_model_is_the_cross_validation_recipe_on_every_patient():
    cv = TrainConfig.from_yaml(Path("configs/cv.yaml"))
    final = TrainConfig.from_yaml(Path("configs/final.yaml"))
    assert final.n_val == 0 and not final.teachers
    differs = {f for f in type(cv).model_fields if getattr(cv, f) != getattr(final, f)}
    assert differs == {"n_val", "out_dir"}
