"""Out-of-fold selection and figures: nested choices never see the scored fold."""

import dataclasses
import json

import numpy as np
import pytest

from training.oof import (
    SLICE_CONTEXTS,
    Choice,
    bootstrap,
    calibrate,
    evaluate,
    figures,
    fit_temperature,
    load_cv,
    main,
    nested,
    paired,
    reduce_patient,
    scan_score,
    select,
)


def _patient(pid, fold, bleeding_slices, rng, fp_slice=None, n=6, size=24):
    """A patient whose model finds its bleed roughly (and a false spot if asked)."""
    truth = np.zeros((n, size, size), np.uint8)
    prob = rng.random((n, size, size)).astype(np.float32) * 0.2
    for s in bleeding_slices:
        truth[s, 6:14, 6:14] = 1
        prob[s, 7:15, 6:14] = 0.9
    if fp_slice is not None:
        prob[fp_slice, 18:21, 18:21] = 0.8
    sub = np.zeros((n, 5), np.uint8)
    sub[list(bleeding_slices), 4] = 1
    head = np.where(truth.reshape(n, -1).any(1), 0.8, 0.1).astype(np.float32)
    head = np.clip(head + rng.normal(0, 0.05, n), 0.01, 0.99).astype(np.float32)
    return reduce_patient(pid, fold, prob, truth, sub, head)


def _cohort(seed=0):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(12):
        bleeding = (2, 3) if i % 2 == 0 else ()
        out.append(_patient(f"{i:03d}", i % 3, bleeding, rng, fp_slice=4 if i == 5 else None))
    return out


def test_reduce_patient_counts_pixels_and_drops_specks():
    rng = np.random.default_rng(0)
    r = _patient("001", 0, (2,), rng, fp_slice=4)
    ti, big = 2, 5  # threshold 0.5; speck size 256 drops everything at this size
    assert r.truth_px[2] == 64 and r.bleeding.tolist() == [0, 0, 1, 0, 0, 0]
    assert r.area[ti, 0, 2] == 64 and r.inter[ti, 0, 2] == 56
    assert r.area[ti, 0, 4] == 9 and r.area[ti, 3, 4] == 0  # the 9-px spot is a speck at 64
    assert r.area[ti, big].sum() == 0
    assert r.maxprob[ti, 0, 2] == pytest.approx(0.9) and r.maxprob[ti, big, 2] < 0.5


def test_scan_rules_score_isolated_and_consecutive_slices():
    s = np.array([0.1, 0.9, 0.1, 0.6, 0.7])
    assert scan_score(s, "max") == pytest.approx(0.9)
    assert scan_score(s, "pair") == pytest.approx(0.65)  # 0.6 and 0.7 beat 0.9 alone
    with pytest.raises(ValueError, match="unknown scan rule"):
        scan_score(s, "vote")


def test_temperature_scaling_sharpens_an_underconfident_score():
    rng = np.random.default_rng(0)
    y = rng.random(2000) < 0.3
    p = np.where(y, 0.6, 0.4) + rng.normal(0, 0.02, 2000)
    t = fit_temperature(p, y)
    assert t < 0.5
    cal = calibrate(p, t)
    assert cal[y].mean() > 0.8 and cal[~y].mean() < 0.2


def test_triage_choice_flags_every_bleeding_patient_it_chose_on():
    records = _cohort()
    choice = select(records)
    results = evaluate(records, choice)
    assert all(r.flagged for r in results if r.has_bleed)
    assert choice.slice_source == "head"
    fig = figures(results, choice.slice_threshold)
    assert fig["dice"] > 0.8 and fig["bleeding_flagged"] == 6
    assert fig["subtypes"]["Subdural"]["patients"] == 6


def _missed(pid, fold, rng, n=6, size=24):
    """A bleeding patient the model misses outright: no pixel, every slice scored 0.02."""
    truth = np.zeros((n, size, size), np.uint8)
    truth[2:4, 6:14, 6:14] = 1
    prob = rng.random((n, size, size)).astype(np.float32) * 0.2
    sub = np.zeros((n, 5), np.uint8)
    sub[2:4, 3] = 1
    return reduce_patient(pid, fold, prob, truth, sub, np.full(n, 0.02, np.float32))


def test_a_sensitivity_target_keeps_one_missed_patient_from_flagging_every_clean_one():
    rng = np.random.default_rng(3)
    records = [_patient(f"{i:03d}", 0, (2, 3), rng) for i in range(19)]
    records += [_patient(f"{i:03d}", 0, (), rng) for i in range(19, 29)]
    records.append(_missed("029", 0, rng))
    every = evaluate(records, select(records))
    target = evaluate(records, select(records, sensitivity=0.95))
    assert sum(r.flagged for r in every if r.has_bleed) == 20
    assert sum(r.flagged for r in every if not r.has_bleed) == 10
    assert [r.pid for r in target if r.has_bleed and not r.flagged] == ["029"]
    assert sum(r.flagged for r in target if not r.has_bleed) == 0
    # The scan scores rank the missed patient below every clean one, whatever the rule.
    assert figures(every)["scan_auc"] == pytest.approx(1 - 10 / (20 * 10))


def test_nested_choice_for_a_fold_ignores_that_fold():
    records = _cohort()
    _, choices = nested(records)
    rng = np.random.default_rng(9)
    changed = [
        r if r.fold != 1 else _patient(r.pid, 1, (1, 2, 3), rng, fp_slice=0) for r in records
    ]
    results, again = nested(changed)
    assert again[1] == choices[1]
    assert {r.fold for r in results} == {0, 1, 2} and len(results) == 12


def test_bootstrap_interval_contains_the_estimate():
    results = evaluate(_cohort(), select(_cohort()))
    low, high = bootstrap(results, lambda rs: figures(rs)["pooled_dice"], n=200)
    est = figures(results)["pooled_dice"]
    assert low <= est <= high and high - low < 0.5


def _save_oof(path, prob, truth):
    """One patient's OOF file as training.cv writes it (slice head: 0.9 on bleeding slices)."""
    n = len(truth)
    np.savez(
        path,
        prob=prob,
        truth=truth,
        subtype_truth=np.zeros((n, 5), np.uint8),
        slice=truth.reshape(n, -1).max(1) * 0.8 + 0.1,
    )


def test_cli_writes_a_report_from_cv_folders(tmp_path, capsys):
    rng = np.random.default_rng(1)
    folds = [["001", "002"], ["003", "004"]]
    (tmp_path / "folds.json").write_text(json.dumps({"folds": folds}))
    for k, pids in enumerate(folds):
        (tmp_path / f"fold{k}" / "oof").mkdir(parents=True)
        for j, pid in enumerate(pids):
            truth = np.zeros((4, 16, 16), np.uint8)
            if j == 0:
                truth[1, 4:9, 4:9] = 1
            prob = (truth * 0.9 + rng.random(truth.shape) * 0.1).astype(np.float16)
            _save_oof(tmp_path / f"fold{k}" / "oof" / f"{pid}.npz", prob, truth)
    assert len(load_cv(tmp_path)) == 4
    assert main(["--cv-dir", str(tmp_path)]) == 0
    rep = json.loads((tmp_path / "oof_report.json").read_text())
    assert rep["pooled"]["bleeding"] == 2 and set(rep["per_fold"]) == {"0", "1"}
    assert rep["alternative_triage"]["bleeding"] == 2
    assert set(rep["alternative_triage"]["scan_threshold_per_fold"]) == {"0", "1"}
    out = capsys.readouterr().out
    assert "shipped recipe" in out and "scan_auc" in out and "95% sensitivity" in out
    assert isinstance(Choice(**rep["shipped_choice"]), Choice)


@pytest.mark.parametrize("edges", [False, True])
def test_the_chosen_recipe_gives_serving_the_same_slice_scores_and_scan_call(edges):
    from ichseg.postprocess import raw_slice_score, scan_verdict, slice_scores
    from ichseg.spec import PreprocessSpec

    records = _edge_cohort() if edges else _cohort()
    choice = select(records)
    assert (choice.slice_context > 0) is edges
    spec = PreprocessSpec(**choice.spec_fields())
    clean = np.zeros((4, 4), np.float32)
    for r, res in zip(records, evaluate(records, choice), strict=True):
        scores = slice_scores([raw_slice_score(clean, float(h), spec) for h in r.head], spec)
        np.testing.assert_allclose(scores, res.slice_scores, rtol=1e-12)
        verdict = scan_verdict(scores, [1] * len(scores), spec)
        assert verdict.haemorrhage == res.flagged
        assert verdict.probability == pytest.approx(res.scan_score)


def _edge_cohort(seed=1):
    """Bleeds over three slices whose learned score is confident only in the middle one."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(12):
        n = 8
        truth = np.zeros((n, 16, 16), np.uint8)
        head = rng.uniform(0.2, 0.5, n)
        if i % 2 == 0:
            truth[2:5, 4:10, 4:10] = 1
            head[3] = 0.95
            head[[2, 4]] = rng.uniform(0.3, 0.4, 2)  # the bleed's thin edges
        prob = (truth * 0.9 + rng.random(truth.shape) * 0.1).astype(np.float32)
        sub = np.zeros((n, 5), np.uint8)
        sub[truth.reshape(n, -1).any(1), 3] = 1
        out.append(reduce_patient(f"{i:03d}", i % 3, prob, truth, sub, head.astype(np.float32)))
    return out


def test_neighbours_enter_the_slice_score_only_when_they_rank_slices_better():
    from ichseg.metrics import roc_auc

    edges = _edge_cohort()
    choice = select(edges)
    res = evaluate(edges, choice)
    scores = [s for r in res for s in r.slice_scores]
    labels = [y for r in res for y in r.slice_labels]
    alone = evaluate(edges, dataclasses.replace(choice, slice_context=0.0))
    auc_alone = roc_auc([s for r in alone for s in r.slice_scores], labels)
    assert choice.slice_context in SLICE_CONTEXTS and choice.slice_context > 0
    assert roc_auc(scores, labels) > auc_alone
    # The default cohort: the learned score alone already ranks every slice; no neighbours.
    assert select(_cohort()).slice_context == 0.0
    # A report written before the weight existed still loads (no neighbours).
    old = {k: v for k, v in dataclasses.asdict(choice).items() if k != "slice_context"}
    assert Choice(**old).slice_context == 0.0


def test_paired_comparison_scores_both_models_with_a_recipe_from_the_baselines_other_folds():
    base = _cohort()
    same = paired([r for r in base if r.fold == 0], base)
    assert same["folds"] == [0] and same["dice_difference"]["mean"] == 0.0
    assert same["baseline"] == same["candidate"]
    assert same["baseline"]["patients"] == sum(r.fold == 0 for r in base)
    blind = [dataclasses.replace(r, inter=np.zeros_like(r.inter)) for r in base if r.fold == 0]
    worse = paired(blind, base)
    assert worse["baseline"] == same["baseline"]  # the candidate never moves the recipe
    assert worse["candidate"]["dice"] == 0.0
    assert worse["dice_difference"]["mean"] == pytest.approx(-same["baseline"]["dice"])
    low, high = worse["dice_difference"]["ci95"]
    assert low <= worse["dice_difference"]["mean"] <= high < 0
    with pytest.raises(ValueError, match="share no out-of-fold patient"):
        paired([dataclasses.replace(r, pid="999") for r in blind], base)
    with pytest.raises(ValueError, match="no fold besides"):
        paired(blind, [r for r in base if r.fold == 0])


def test_cli_compares_two_cv_folders_on_their_shared_folds(tmp_path, capsys):
    rng = np.random.default_rng(2)
    folds = [["001", "002"], ["003", "004"]]
    for run, found in (("teacher", 0.9), ("student", 0.7)):
        root = tmp_path / run
        root.mkdir()
        (root / "folds.json").write_text(json.dumps({"folds": folds}))
        for k, pids in enumerate(folds):
            if run == "student" and k == 1:
                continue  # the student's second fold is not trained yet
            (root / f"fold{k}" / "oof").mkdir(parents=True)
            for j, pid in enumerate(pids):
                truth = np.zeros((4, 16, 16), np.uint8)
                if j == 0:
                    truth[1, 4:9, 4:9] = 1
                prob = truth * found
                prob[1, 4:9, 4] = 0.0 if run == "student" else prob[1, 4:9, 4]
                prob = (prob + rng.random(truth.shape) * 0.1).astype(np.float16)
                _save_oof(root / f"fold{k}" / "oof" / f"{pid}.npz", prob, truth)
    code = main(["--cv-dir", str(tmp_path / "student"), "--against", str(tmp_path / "teacher")])
    assert code == 0
    rep = json.loads((tmp_path / "student" / "compare_report.json").read_text())
    assert rep["folds"] == [0] and rep["dice_difference"]["mean"] < 0
    assert "dice difference" in capsys.readouterr().out
