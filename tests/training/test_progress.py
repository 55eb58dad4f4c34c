"""What is kept of a run between sessions, and the training CLI's --kept / --save-progress."""

import sys
import types

from training.cli import build_parser
from training.cli import main as train_main
from training.config import TrainConfig
from training.progress import finished, save_run, seed_from


def _run_folder(path, names):
    path.mkdir(parents=True)
    for name in names:
        (path / name).write_text(name)


def test_save_run_keeps_weights_records_and_resume_point_only(tmp_path):
    run = tmp_path / "run"
    _run_folder(run, ["last.keras", "resume.weights.npz", "resume.json", "history.jsonl"])
    (run / "oof").mkdir()
    (run / "oof" / "001.npz").write_text("masks")
    (run / "model.onnx").write_text("graph")
    kept = tmp_path / "kept"
    written = {p.name for p in save_run(run, kept)}
    assert written == {"last.keras", "resume.weights.npz", "resume.json", "history.jsonl"}
    assert sorted(p.name for p in kept.iterdir()) == sorted(written)


def test_a_finished_run_removes_its_resume_point_from_the_kept_folder(tmp_path):
    run, kept = tmp_path / "run", tmp_path / "kept"
    _run_folder(run, ["last.keras", "resume.weights.npz", "resume.json"])
    save_run(run, kept)
    (run / "resume.json").unlink()
    (run / "resume.weights.npz").unlink()
    (run / "summary.json").write_text("done")
    save_run(run, kept)
    assert sorted(p.name for p in kept.iterdir()) == ["last.keras", "summary.json"]


def test_a_run_is_finished_only_with_a_summary_and_no_resume_point(tmp_path):
    run = tmp_path / "run"
    _run_folder(run, ["last.keras", "resume.json"])
    assert not finished(run)  # interrupted: goes on from its resume point
    (run / "summary.json").write_text("done")
    assert not finished(run)  # a summary beside a resume point is not the end
    (run / "resume.json").unlink()
    assert finished(run)
    assert not finished(tmp_path / "absent")


def test_the_precision_override_offers_the_configs_choices():
    action = next(a for a in build_parser()._actions if a.dest == "precision")
    assert set(action.choices) == {"float32", "mixed_bfloat16"}
    for choice in action.choices:
        assert TrainConfig.model_validate({"precision": choice}).precision == choice


def test_seeding_fills_only_missing_files(tmp_path):
    kept, run = tmp_path / "kept", tmp_path / "run"
    _run_folder(kept, ["last.keras", "history.jsonl"])
    _run_folder(run, [])
    (run / "history.jsonl").write_text("newer")
    seed_from(kept, run)
    assert (run / "last.keras").read_text() == "last.keras"
    assert (run / "history.jsonl").read_text() == "newer"
    seed_from(tmp_path / "absent", run)  # nothing kept yet: nothing happens


def test_seeding_never_brings_an_old_resume_point_back_into_a_finished_run(tmp_path):
    kept, run = tmp_path / "kept", tmp_path / "run"
    _run_folder(kept, ["last.keras", "resume.weights.npz", "resume.json"])  # saved mid-run
    _run_folder(run, ["last.keras", "summary.json"])  # the run went on and finished here
    seed_from(kept, run)
    assert finished(run)
    assert sorted(p.name for p in run.iterdir()) == ["last.keras", "summary.json"]
    unfinished = tmp_path / "unfinished"
    seed_from(kept, unfinished)  # a fresh machine: the resume point is what it needs
    assert not finished(unfinished) and (unfinished / "resume.json").exists()


def _config(tmp_path, out_dir, data_dir):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"out_dir: {out_dir}\ndata_dir: {data_dir}\n")
    return str(cfg)


def test_cli_save_progress_copies_the_configs_run_without_the_data(tmp_path, capsys):
    run, kept = tmp_path / "run", tmp_path / "kept"
    _run_folder(run, ["last.keras", "resume.json"])
    cfg = _config(tmp_path, run, tmp_path / "no-data-here")
    assert train_main(["--config", cfg, "--save-progress", str(kept)]) == 0
    assert sorted(p.name for p in kept.iterdir()) == ["last.keras", "resume.json"]
    assert str(kept / "last.keras") in capsys.readouterr().out


def test_cli_kept_seeds_the_run_folder_before_training(tmp_path, monkeypatch, capsys):
    run, kept, data = tmp_path / "run", tmp_path / "kept", tmp_path / "data"
    _run_folder(kept, ["last.keras", "resume.json"])
    data.mkdir()
    seen = {}

    def fake_train(cfg, show_progress):
        seen["files"] = sorted(p.name for p in cfg.out_dir.iterdir())
        return {"best": {}}

    monkeypatch.setitem(sys.modules, "training.train", types.SimpleNamespace(train=fake_train))
    cfg = _config(tmp_path, run, data)
    assert train_main(["--config", cfg, "--kept", str(kept), "--no-progress"]) == 0
    assert seen["files"] == ["last.keras", "resume.json"]


def test_cli_precision_overrides_the_configs_arithmetic(tmp_path, monkeypatch):
    run, data = tmp_path / "run", tmp_path / "data"
    data.mkdir()
    seen = {}

    def fake_train(cfg, show_progress):
        seen["precision"] = cfg.precision
        return {"best": {}}

    monkeypatch.setitem(sys.modules, "training.train", types.SimpleNamespace(train=fake_train))
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"out_dir: {run}\ndata_dir: {data}\nprecision: mixed_bfloat16\n")
    assert train_main(["--config", str(cfg), "--precision", "float32", "--no-progress"]) == 0
    assert seen["precision"] == "float32"
    assert train_main(["--config", str(cfg), "--no-progress"]) == 0
    assert seen["precision"] == "mixed_bfloat16"


def test_cli_kept_does_not_train_a_finished_run_again(tmp_path, monkeypatch, capsys):
    run, kept, data = tmp_path / "run", tmp_path / "kept", tmp_path / "data"
    _run_folder(kept, ["last.keras", "summary.json", "history.jsonl"])
    data.mkdir()
    calls = []
    monkeypatch.setitem(
        sys.modules,
        "training.train",
        types.SimpleNamespace(train=lambda cfg, show_progress: calls.append(cfg) or {"best": {}}),
    )
    cfg = _config(tmp_path, run, data)
    assert train_main(["--config", cfg, "--kept", str(kept), "--no-progress"]) == 0
    assert calls == [] and "has finished" in capsys.readouterr().out
    (kept / "resume.json").write_text("{}")  # an unfinished run (resume point) goes on
    (run / "summary.json").unlink()
    assert train_main(["--config", cfg, "--kept", str(kept), "--no-progress"]) == 0
    assert len(calls) == 1
