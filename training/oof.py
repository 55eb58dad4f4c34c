"""Honest choices and figures from out-of-fold (OOF) predictions.

Every post-processing choice (pixel threshold, speck size, slice score and its calibration,
scan rule and its operating point) is made by :func:`select` on OOF predictions of some
patients and scored by :func:`evaluate` on others. :func:`nested` makes the choice for each
fold on the *other* folds only and scores that fold with it, so every reported figure is
for patients that neither the model nor the choice saw; :func:`select` on all patients
gives what ships. Figures come with bootstrap 95 % intervals over patients.

Run after ``python -m training.cv``: ``python -m training.oof --cv-dir runs/cv``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from scipy import ndimage

from ichseg import postprocess
from ichseg.metrics import roc_auc

#: Candidate pixel thresholds and speck sizes (pixels at 512x512), fixed before looking.
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
MIN_PX = (0, 16, 32, 64, 128, 256)
#: Candidate scan rules, fixed before looking (see :func:`scan_score`).
RULES = ("max", "pair")
#: Candidate weights of a slice's stronger neighbour in its score
#: (:func:`ichseg.postprocess.with_neighbours`): none to all of it.
SLICE_CONTEXTS = (0.0, 0.25, 0.5, 0.75, 1.0)
#: The fixed-sensitivity triage target reported beside the "every bleeding patient" rule
#: (:func:`report`'s ``alternative_triage``; :func:`select`'s ``sensitivity``). Not what
#: ships: a figure for the team choosing between the two rules.
ALT_SENSITIVITY = 0.95
SUBTYPES = ("Intraventricular", "Intraparenchymal", "Subarachnoid", "Epidural", "Subdural")
_EPS = 1e-6


@dataclass
class PatientOOF:
    """One patient's out-of-fold predictions, reduced to what the choices need.

    Attributes:
        pid: Patient id.
        fold: The fold whose model scored the patient.
        bleeding: ``(N,)`` ``bool``: the slice's true mask is non-empty.
        subtypes: ``(N, 5)`` ``uint8`` slice labels (order of :data:`SUBTYPES`).
        head: ``(N,)`` ``float32`` learned slice scores (``None`` without a slice head).
        maxprob: ``(T, M, N)`` ``float32`` largest cleaned pixel probability per slice.
        area: ``(T, M, N)`` ``int64`` predicted pixels per slice.
        inter: ``(T, M, N)`` ``int64`` pixels predicted and true per slice.
        truth_px: ``(N,)`` ``int64`` true pixels per slice.
    """

    pid: str
    fold: int
    bleeding: np.ndarray
    subtypes: np.ndarray
    head: np.ndarray | None
    maxprob: np.ndarray
    area: np.ndarray
    inter: np.ndarray
    truth_px: np.ndarray

    @property
    def has_bleed(self) -> bool:
        """Whether any slice of the patient shows haemorrhage."""
        return bool(self.bleeding.any())


def reduce_patient(
    pid: str,
    fold: int,
    prob: np.ndarray,
    truth: np.ndarray,
    subtypes: np.ndarray,
    head: np.ndarray | None,
) -> PatientOOF:
    """Compute every candidate's per-slice figures from one patient's probabilities.

    Args:
        pid: Patient id.
        fold: Fold index.
        prob: ``(N, H, W)`` model probabilities (any float dtype).
        truth: ``(N, H, W)`` 0/1 true masks.
        subtypes: ``(N, 5)`` slice subtype labels.
        head: ``(N,)`` learned slice scores, or ``None``.

    Returns:
        The reduced record.
    """
    n = len(prob)
    shape = (len(THRESHOLDS), len(MIN_PX), n)
    maxprob = np.zeros(shape, np.float32)
    area = np.zeros(shape, np.int64)
    inter = np.zeros(shape, np.int64)
    t_all = truth.astype(bool)
    structure = np.ones((3, 3), bool)
    for s in range(n):
        p = prob[s].astype(np.float32)
        t = t_all[s]
        for i, thr in enumerate(THRESHOLDS):
            labels, count = ndimage.label(p >= thr, structure=structure)
            if not count:
                continue
            sizes = np.bincount(labels.ravel())
            peaks = np.asarray(ndimage.maximum(p, labels, np.arange(1, count + 1)), np.float32)
            hits = np.bincount(labels[t], minlength=count + 1) if t.any() else None
            for j, m in enumerate(MIN_PX):
                keep = sizes[1:] >= max(m, 1)
                if not keep.any():
                    continue
                maxprob[i, j, s] = float(peaks[keep].max())
                area[i, j, s] = int(sizes[1:][keep].sum())
                if hits is not None:
                    inter[i, j, s] = int(hits[1:][keep].sum())
    for i, thr in enumerate(THRESHOLDS):
        # Below the threshold the slice's score is its largest probability, capped as
        # ichseg.postprocess.clean_probability caps it.
        top = np.minimum(prob.reshape(n, -1).max(axis=1).astype(np.float32), thr - 1e-3)
        maxprob[i] = np.where(area[i] > 0, maxprob[i], top[None, :])
    return PatientOOF(
        pid=pid,
        fold=fold,
        bleeding=np.asarray(t_all.reshape(n, -1).any(axis=1)),
        subtypes=np.asarray(subtypes, np.uint8),
        head=None if head is None else np.asarray(head, np.float32),
        maxprob=maxprob,
        area=area,
        inter=inter,
        truth_px=t_all.reshape(n, -1).sum(axis=1),
    )


def load_cv(cv_dir: Path, oof: str = "oof") -> list[PatientOOF]:
    """Read every fold's ``oof/*.npz`` and reduce it.

    Args:
        cv_dir: Cross-validation folder (``folds.json``, ``foldK/oof/``).
        oof: The folder of each fold to read (``oof-int8``: the int8 exports' predictions).

    Returns:
        One record per patient with OOF predictions, sorted by patient id.
    """
    folds = json.loads((cv_dir / "folds.json").read_text())["folds"]
    out = []
    for k, patients in enumerate(folds):
        for pid in patients:
            path = cv_dir / f"fold{k}" / oof / f"{pid}.npz"
            if not path.exists():
                continue
            z = np.load(path)
            head = z["slice"] if "slice" in z.files else None
            out.append(reduce_patient(pid, k, z["prob"], z["truth"], z["subtype_truth"], head))
    return sorted(out, key=lambda r: r.pid)


@dataclass(frozen=True)
class Choice:
    """A full post-processing recipe.

    Attributes:
        threshold: Pixel threshold.
        min_component_px: Speck size (pixels at 512x512).
        slice_source: ``"head"`` (learned slice score) or ``"maxprob"``.
        temperature: Temperature of the slice score's logit (calibration).
        slice_threshold: Calibrated slice score at or above which a slice is called
            bleeding (Youden's J on the choosing patients).
        rule: Scan rule (see :func:`scan_score`).
        scan_threshold: Scan score at or above which a scan is flagged.
        slice_context: Weight of a slice's stronger neighbour in its score, before
            calibration (one of :data:`SLICE_CONTEXTS`; 0 in reports written before it).
    """

    threshold: float
    min_component_px: int
    slice_source: str
    temperature: float
    slice_threshold: float
    rule: str
    scan_threshold: float
    slice_context: float = 0.0

    def spec_fields(self) -> dict:
        """The :class:`ichseg.spec.PreprocessSpec` fields that make serving apply the recipe.

        Returns:
            Field name -> value.
        """
        return {
            "threshold": self.threshold,
            "min_component_px": self.min_component_px,
            "slice_source": "head" if self.slice_source == "head" else "pixels",
            "slice_temperature": self.temperature,
            "slice_context": self.slice_context,
            "slice_threshold": self.slice_threshold,
            "scan_rule": self.rule,
            "scan_threshold": self.scan_threshold,
        }


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, np.float64), _EPS, 1 - _EPS)
    return np.asarray(np.log(q / (1 - q)))


def calibrate(p: np.ndarray, temperature: float) -> np.ndarray:
    """Temperature-scaled probabilities, element by element as serving calibrates them.

    Args:
        p: Probabilities, any shape.
        temperature: ``T > 0``.

    Returns:
        ``float64`` probabilities of the same shape (:func:`ichseg.postprocess.calibrate`).
    """
    return postprocess.calibrate_all(np.asarray(p, np.float64), temperature)


def fit_temperature(p: np.ndarray, y: np.ndarray) -> float:
    """The temperature minimising the binary cross-entropy (golden-section on log T).

    Args:
        p: ``(N,)`` probabilities.
        y: ``(N,)`` 0/1 labels.

    Returns:
        ``T`` in ``[0.05, 20]``.
    """
    z = _logit(p)
    yy = np.asarray(y, np.float64)

    def nll(log_t: float) -> float:
        q = np.clip(1.0 / (1.0 + np.exp(-z / math.exp(log_t))), _EPS, 1 - _EPS)
        return float(-np.mean(yy * np.log(q) + (1 - yy) * np.log(1 - q)))

    a, b = math.log(0.05), math.log(20.0)
    g = (math.sqrt(5) - 1) / 2
    for _ in range(60):
        c, d = b - g * (b - a), a + g * (b - a)
        if nll(c) < nll(d):
            b = d
        else:
            a = c
    return math.exp((a + b) / 2)


def slice_scores(r: PatientOOF, ti: int, mi: int, source: str) -> np.ndarray:
    """Uncalibrated per-slice scores of one patient.

    Args:
        r: The patient.
        ti: Index into :data:`THRESHOLDS`.
        mi: Index into :data:`MIN_PX`.
        source: ``"head"`` or ``"maxprob"``.

    Returns:
        ``(N,)`` ``float64``.
    """
    if source == "head":
        if r.head is None:
            raise ValueError(f"patient {r.pid} has no learned slice score")
        return np.asarray(r.head, np.float64)
    return np.asarray(r.maxprob[ti, mi], np.float64)


def scored_slices(r: PatientOOF, choice: Choice) -> np.ndarray:
    """One patient's slice scores under a recipe, as serving computes them.

    Args:
        r: The patient.
        choice: The recipe (source, neighbour weight, temperature).

    Returns:
        ``(N,)`` ``float64`` calibrated slice scores
        (:func:`ichseg.postprocess.calibrated_slice_scores`).
    """
    ti, mi = THRESHOLDS.index(choice.threshold), MIN_PX.index(choice.min_component_px)
    raw = slice_scores(r, ti, mi, choice.slice_source)
    return postprocess.calibrated_slice_scores(raw, choice.slice_context, choice.temperature)


def scan_score(scores: np.ndarray, rule: str) -> float:
    """A scan's score from its (calibrated) slice scores (:func:`ichseg.postprocess.scan_score`).

    Args:
        scores: ``(N,)`` slice scores, in slice order.
        rule: One of :data:`RULES`.

    Returns:
        The scan score.
    """
    return postprocess.scan_score(scores, rule)


def _patient_dice(r: PatientOOF, ti: int, mi: int) -> float:
    b = r.bleeding
    d = 2 * r.inter[ti, mi, b] / np.maximum(r.area[ti, mi, b] + r.truth_px[b], 1)
    return float(d.mean())


def hssayeni(records: Sequence[PatientOOF], ti: int, mi: int) -> float:
    """Hssayeni Dice: mean over bleeding patients of their mean bleeding-slice Dice.

    Args:
        records: Patients.
        ti: Threshold index.
        mi: Speck-size index.

    Returns:
        The Dice (``nan`` without a bleeding patient).
    """
    vals = [_patient_dice(r, ti, mi) for r in records if r.has_bleed]
    return float(np.mean(vals)) if vals else float("nan")


def _youden(scores: np.ndarray, labels: np.ndarray) -> float:
    best, best_t = -1.0, 0.5
    for t in np.unique(scores):
        call = scores >= t
        sens = (call & labels).sum() / max(labels.sum(), 1)
        spec = (~call & ~labels).sum() / max((~labels).sum(), 1)
        if sens + spec - 1 > best:
            best, best_t = float(sens + spec - 1), float(t)
    return best_t


def select(records: Sequence[PatientOOF], sensitivity: float = 1.0) -> Choice:
    """Choose a recipe on these patients only.

    Pixel threshold and speck size maximise Hssayeni Dice. The slice score (the learned
    one where every patient has it, or the max-pixel score) and the weight of a slice's
    stronger neighbour in it (:data:`SLICE_CONTEXTS`) are the pair with the highest slice
    AUC (ties: the learned score, then the smaller weight); its temperature minimises BCE
    on those scores. The scan rule and threshold follow triage: the
    threshold is the lowest scan score of a bleeding patient (every bleeding patient
    flagged), and the rule is the one that then flags the fewest clean patients (ties:
    the larger gap between the thresholds and the highest clean score below it).

    With ``sensitivity`` below 1 the threshold is instead the lowest that still flags that
    share of the choosing bleeding patients (``floor((1 - sensitivity) * n)`` of them may be
    missed): a fixed sensitivity target, which one missed patient cannot drag down to
    the clean patients' scores.

    Args:
        records: The choosing patients (OOF predictions).
        sensitivity: Share of the choosing bleeding patients the threshold must flag.

    Returns:
        The recipe.
    """
    grid = [(ti, mi) for ti in range(len(THRESHOLDS)) for mi in range(len(MIN_PX))]
    ti, mi = max(grid, key=lambda g: (hssayeni(records, *g), -g[0], g[1]))
    labels = np.concatenate([r.bleeding for r in records])
    sources = ["head", "maxprob"] if all(r.head is not None for r in records) else ["maxprob"]

    def own(source: str) -> list[np.ndarray]:
        return [slice_scores(r, ti, mi, source) for r in records]

    def ranking(option: tuple[str, float]) -> float:
        seen = [postprocess.with_neighbours(s, option[1]) for s in own(option[0])]
        return roc_auc(np.concatenate(seen).tolist(), labels.tolist())

    # The slice score that ranks slices best; ties: the learned score, then fewer neighbours.
    options = [(src, c) for src in sources for c in SLICE_CONTEXTS]
    aucs = {o: ranking(o) for o in options}
    source, context = max(options, key=lambda o: (aucs[o], o[0] == "head", -o[1]))
    raw = np.concatenate([postprocess.with_neighbours(s, context) for s in own(source)])
    temperature = fit_temperature(raw, labels)
    scored = [postprocess.calibrated_slice_scores(s, context, temperature) for s in own(source)]
    slice_thr = _youden(np.concatenate(scored), labels)
    best: tuple | None = None
    for rule in RULES:
        per = [(scan_score(cal, rule), r) for cal, r in zip(scored, records, strict=True)]
        pos = [s for s, r in per if r.has_bleed]
        neg = [s for s, r in per if not r.has_bleed]
        misses = math.floor((1 - sensitivity) * len(pos) + _EPS)
        thr = sorted(pos)[min(misses, len(pos) - 1)] if pos else 0.5
        fp = sum(s >= thr for s in neg)
        below = [s for s in neg if s < thr]
        gap = thr - max(below) if below else thr
        key = (-fp, gap)
        if best is None or key > best[0]:
            # Halfway into the gap below the lowest bleeding patient: a margin for new ones.
            best = (key, rule, thr - gap / 2 if below else thr)
    assert best is not None
    return Choice(
        threshold=THRESHOLDS[ti],
        min_component_px=MIN_PX[mi],
        slice_source=source,
        temperature=temperature,
        slice_threshold=slice_thr,
        rule=best[1],
        scan_threshold=float(best[2]),
        slice_context=context,
    )


@dataclass
class PatientResult:
    """One patient scored with one recipe.

    Attributes:
        pid: Patient id.
        fold: Fold.
        has_bleed: Ground truth: any bleeding slice.
        flagged: The scan verdict.
        scan_score: The scan score.
        dice: Mean bleeding-slice Dice (``nan`` for clean patients).
        dice_3d: Volume Dice over all slices (1.0 for a clean patient with no prediction).
        inter: Predicted-and-true pixels (pooled Dice).
        pred_px: Predicted pixels.
        truth_px: True pixels.
        slice_scores: Calibrated slice scores.
        slice_labels: True slice labels.
        subtypes: ``(N, 5)`` slice subtype labels.
    """

    pid: str
    fold: int
    has_bleed: bool
    flagged: bool
    scan_score: float
    dice: float
    dice_3d: float
    inter: int
    pred_px: int
    truth_px: int
    slice_scores: list[float] = field(repr=False)
    slice_labels: list[int] = field(repr=False)
    subtypes: list[list[int]] = field(repr=False)


def evaluate(records: Sequence[PatientOOF], choice: Choice) -> list[PatientResult]:
    """Score patients with a recipe.

    Args:
        records: Patients.
        choice: The recipe.

    Returns:
        One result per patient.
    """
    ti, mi = THRESHOLDS.index(choice.threshold), MIN_PX.index(choice.min_component_px)
    out = []
    for r in records:
        cal = scored_slices(r, choice)
        score = scan_score(cal, choice.rule)
        inter, pred = int(r.inter[ti, mi].sum()), int(r.area[ti, mi].sum())
        truth = int(r.truth_px.sum())
        out.append(
            PatientResult(
                pid=r.pid,
                fold=r.fold,
                has_bleed=r.has_bleed,
                flagged=score >= choice.scan_threshold,
                scan_score=score,
                dice=_patient_dice(r, ti, mi) if r.has_bleed else float("nan"),
                dice_3d=2 * inter / (pred + truth) if pred + truth else 1.0,
                inter=inter,
                pred_px=pred,
                truth_px=truth,
                slice_scores=cal.tolist(),
                slice_labels=r.bleeding.astype(int).tolist(),
                subtypes=r.subtypes.tolist(),
            )
        )
    return out


def nested(
    records: Sequence[PatientOOF], sensitivity: float = 1.0
) -> tuple[list[PatientResult], dict[int, Choice]]:
    """Score each fold with the recipe chosen on the other folds.

    Args:
        records: Every patient with OOF predictions.
        sensitivity: The triage target of :func:`select`.

    Returns:
        ``(results, choices)``: all patients' results, and fold -> its recipe.
    """
    results: list[PatientResult] = []
    choices: dict[int, Choice] = {}
    for k in sorted({r.fold for r in records}):
        choices[k] = select([r for r in records if r.fold != k], sensitivity)
        results.extend(evaluate([r for r in records if r.fold == k], choices[k]))
    return sorted(results, key=lambda r: r.pid), choices


def figures(results: Sequence[PatientResult], slice_threshold: float | None = None) -> dict:
    """Headline figures of a set of patient results.

    Args:
        results: Patient results.
        slice_threshold: Calibrated slice score at which a slice counts as detected (for
            the per-subtype slice shares); ``None`` skips them.

    Returns:
        Dict: Hssayeni Dice, mean 3-D Dice of bleeding patients, pooled Dice, slice AUC,
        scan AUC (the scan scores ranking bleeding above clean patients, any threshold),
        bleeding and clean patients flagged, and per subtype the share of its patients
        flagged and of its slices detected.
    """
    bleed = [r for r in results if r.has_bleed]
    clean = [r for r in results if not r.has_bleed]
    scores = [s for r in results for s in r.slice_scores]
    labels = [y for r in results for y in r.slice_labels]
    inter = sum(r.inter for r in results)
    total = sum(r.pred_px + r.truth_px for r in results)
    out: dict = {
        "patients": len(results),
        "dice": float(np.mean([r.dice for r in bleed])) if bleed else float("nan"),
        "dice_3d": float(np.mean([r.dice_3d for r in bleed])) if bleed else float("nan"),
        "pooled_dice": 2 * inter / total if total else float("nan"),
        "slice_auc": roc_auc(scores, labels),
        "scan_auc": roc_auc([r.scan_score for r in results], [int(r.has_bleed) for r in results]),
        "bleeding_flagged": sum(r.flagged for r in bleed),
        "bleeding": len(bleed),
        "clean_flagged": sum(r.flagged for r in clean),
        "clean": len(clean),
    }
    per: dict = {}
    for k, name in enumerate(SUBTYPES):
        having = [r for r in bleed if any(s[k] for s in r.subtypes)]
        entry: dict = {
            "patients": len(having),
            "patients_flagged": sum(r.flagged for r in having),
        }
        if slice_threshold is not None:
            sl = [
                sc for r in having for sc, s in zip(r.slice_scores, r.subtypes, strict=True) if s[k]
            ]
            entry["slices"] = len(sl)
            entry["slices_detected"] = int(sum(x >= slice_threshold for x in sl))
        per[name] = entry
    out["subtypes"] = per
    return out


def bootstrap(
    results: Sequence[PatientResult],
    stat: Callable[[Sequence[PatientResult]], float],
    n: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """95 % percentile interval of a statistic, resampling patients with replacement.

    Args:
        results: Patient results.
        stat: Statistic of a list of results.
        n: Resamples.
        seed: Seed.

    Returns:
        ``(low, high)``.
    """
    rng = np.random.default_rng(seed)
    vals = []
    idx = np.arange(len(results))
    for _ in range(n):
        sample = [results[i] for i in rng.choice(idx, len(idx))]
        v = stat(sample)
        if np.isfinite(v):
            vals.append(v)
    if not vals:
        return float("nan"), float("nan")
    return float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))


def report(records: Sequence[PatientOOF]) -> dict:
    """The nested OOF figures (per fold and pooled, with intervals) and the shipped recipe.

    Args:
        records: Every patient with OOF predictions.

    Returns:
        A JSON-able dict.
    """
    results, choices = nested(records)
    final = select(records)
    pooled = figures(results, final.slice_threshold)
    keys: dict[str, Callable[[Sequence[PatientResult]], float]] = {
        "dice": lambda rs: figures(rs)["dice"],
        "dice_3d": lambda rs: figures(rs)["dice_3d"],
        "pooled_dice": lambda rs: figures(rs)["pooled_dice"],
        "slice_auc": lambda rs: figures(rs)["slice_auc"],
        "scan_auc": lambda rs: figures(rs)["scan_auc"],
        "sensitivity": lambda rs: _rate(rs, True),
        "specificity": lambda rs: 1 - _rate(rs, False),
    }
    intervals = {k: bootstrap(results, f) for k, f in keys.items()}
    alt, alt_choices = nested(records, ALT_SENSITIVITY)
    per_fold = {
        str(k): {
            **{
                key: val
                for key, val in figures([r for r in results if r.fold == k]).items()
                if key != "subtypes"
            },
            "choice": asdict(choices[k]),
        }
        for k in choices
    }
    return {
        "pooled": pooled,
        "intervals_95": intervals,
        "per_fold": per_fold,
        "shipped_choice": asdict(final),
        "alternative_triage": {
            "sensitivity_target": ALT_SENSITIVITY,
            "bleeding_flagged": sum(r.flagged for r in alt if r.has_bleed),
            "bleeding": sum(r.has_bleed for r in alt),
            "clean_flagged": sum(r.flagged for r in alt if not r.has_bleed),
            "clean": sum(not r.has_bleed for r in alt),
            "intervals_95": {k: bootstrap(alt, keys[k]) for k in ("sensitivity", "specificity")},
            "scan_threshold_per_fold": {str(k): c.scan_threshold for k, c in alt_choices.items()},
        },
        "patients": [
            {
                "pid": r.pid,
                "fold": r.fold,
                "has_bleed": r.has_bleed,
                "flagged": r.flagged,
                "scan_score": r.scan_score,
                "dice": r.dice,
                "dice_3d": r.dice_3d,
            }
            for r in results
        ],
    }


def fold_choices(choosing: Sequence[PatientOOF], folds: Sequence[int]) -> dict[int, Choice]:
    """For each fold, the recipe chosen on the other folds' records.

    Args:
        choosing: OOF records of several folds.
        folds: The folds to choose for.

    Returns:
        Fold -> :func:`select` of the records of every other fold.

    Raises:
        ValueError: When a fold has no other fold to choose on.
    """
    out = {}
    for k in folds:
        others = [r for r in choosing if r.fold != k]
        if not others:
            raise ValueError(f"no fold besides {k} to choose a recipe on")
        out[k] = select(others)
    return out


def paired(
    candidate: Sequence[PatientOOF],
    baseline: Sequence[PatientOOF],
    choices: Mapping[int, Choice] | None = None,
) -> dict:
    """Two models' OOF predictions of the same patients, scored with the same recipes.

    For each fold both have, the recipe is chosen on the *baseline's other folds* (never on
    the scored patients, never on the candidate) and applied to both models' predictions of
    that fold's patients; a distilled student (candidate) against its teachers (baseline),
    for example, before every fold of the candidate exists.

    Args:
        candidate: The new model's OOF records.
        baseline: The reference model's OOF records (same folds; at least two folds).
        choices: Fold -> its recipe, chosen elsewhere (:func:`fold_choices`): on the
            baseline's plain OOF when ``candidate`` and ``baseline`` are predictions of
            changed images (:mod:`training.stress`), once for several comparisons.

    Returns:
        ``folds``; ``baseline`` and ``candidate`` figures over the shared patients;
        ``dice_difference``: mean per-patient Hssayeni Dice (candidate - baseline) over the
        bleeding patients with its patient-bootstrap 95 % interval; per patient both
        Dice values and verdicts.

    Raises:
        ValueError: When no fold is shared or the baseline has no other fold to choose on.
    """
    base = {(r.fold, r.pid): r for r in baseline}
    folds = sorted({r.fold for r in candidate if (r.fold, r.pid) in base})
    if not folds:
        raise ValueError("the two runs share no out-of-fold patient")
    cand_res: list[PatientResult] = []
    base_res: list[PatientResult] = []
    if choices is None:
        choices = fold_choices(baseline, folds)
    for k in folds:
        choice = choices[k]
        mine = [r for r in candidate if r.fold == k and (k, r.pid) in base]
        cand_res.extend(evaluate(mine, choice))
        base_res.extend(evaluate([base[(k, r.pid)] for r in mine], choice))
    pairs = [(c, b) for c, b in zip(cand_res, base_res, strict=True) if c.has_bleed and b.has_bleed]
    diffs = np.array([c.dice - b.dice for c, b in pairs], np.float64)
    rng = np.random.default_rng(0)
    boots = [float(rng.choice(diffs, len(diffs)).mean()) for _ in range(2000)] if len(diffs) else []
    return {
        "folds": folds,
        "baseline": {k: v for k, v in figures(base_res).items() if k != "subtypes"},
        "candidate": {k: v for k, v in figures(cand_res).items() if k != "subtypes"},
        "dice_difference": {
            "mean": float(diffs.mean()) if len(diffs) else float("nan"),
            "ci95": [float(np.percentile(boots, 2.5)), float(np.percentile(boots, 97.5))]
            if boots
            else [float("nan"), float("nan")],
            "bleeding_patients": len(diffs),
        },
        "patients": [
            {
                "pid": c.pid,
                "fold": c.fold,
                "has_bleed": c.has_bleed,
                "dice": [c.dice, b.dice],
                "flagged": [c.flagged, b.flagged],
            }
            for c, b in zip(cand_res, base_res, strict=True)
        ],
    }


def _rate(results: Sequence[PatientResult], bleeding: bool) -> float:
    group = [r for r in results if r.has_bleed == bleeding]
    return sum(r.flagged for r in group) / len(group) if group else float("nan")


def main(argv: list[str] | None = None) -> int:
    """``python -m training.oof --cv-dir runs/cv [--out runs/cv/oof_report.json]``.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit status: 0, or 2 when there are no OOF predictions.
    """
    p = argparse.ArgumentParser(prog="python -m training.oof", description=__doc__)
    p.add_argument("--cv-dir", type=Path, default=Path("runs/cv"))
    p.add_argument("--out", type=Path, help="JSON report (default CV_DIR/oof_report.json)")
    p.add_argument(
        "--against",
        type=Path,
        metavar="BASELINE_CV_DIR",
        help="compare with another run's OOF on the folds both have (paired, same recipes)",
    )
    p.add_argument(
        "--oof",
        default="oof",
        help="each fold's predictions folder to read (oof-int8: the int8 exports'); "
        "--against always reads the baseline's oof",
    )
    args = p.parse_args(argv)
    if not (args.cv_dir / "folds.json").exists():
        print(f"error: no folds.json in {args.cv_dir}", file=sys.stderr)
        return 2
    if args.against is not None:
        return _compare(args.cv_dir, args.against, args.out, args.oof)
    records = load_cv(args.cv_dir, args.oof)
    if len({r.fold for r in records}) < 2:
        print("error: out-of-fold predictions of at least two folds are needed", file=sys.stderr)
        return 2
    from training.train import json_safe

    rep = report(records)
    out = args.out or args.cv_dir / "oof_report.json"
    out.write_text(json.dumps(json_safe(rep), indent=2) + "\n")
    pooled, ci = rep["pooled"], rep["intervals_95"]
    print(f"{len(records)} patients, folds {sorted({r.fold for r in records})}")
    for k in ("dice", "dice_3d", "pooled_dice", "slice_auc", "scan_auc"):
        print(f"{k:12s} {pooled[k]:.3f}  95% CI {ci[k][0]:.3f}-{ci[k][1]:.3f}")
    print(
        f"bleeding flagged {pooled['bleeding_flagged']}/{pooled['bleeding']}, "
        f"clean flagged {pooled['clean_flagged']}/{pooled['clean']} (every bleeding patient "
        "of the choosing folds flagged)"
    )
    alt = rep["alternative_triage"]
    print(
        f"at {alt['sensitivity_target']:.0%} sensitivity on the choosing folds instead: "
        f"bleeding flagged {alt['bleeding_flagged']}/{alt['bleeding']}, "
        f"clean flagged {alt['clean_flagged']}/{alt['clean']}"
    )
    print(f"shipped recipe: {rep['shipped_choice']}")
    print(f"report: {out}")
    return 0


def _compare(cv_dir: Path, baseline_dir: Path, out: Path | None, oof: str = "oof") -> int:
    """Print and write :func:`paired` of two CV folders (``main --against``)."""
    from training.train import json_safe

    try:
        rep = paired(load_cv(cv_dir, oof), load_cv(baseline_dir))
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    path = out or cv_dir / "compare_report.json"
    path.write_text(json.dumps(json_safe(rep), indent=2) + "\n")
    print(f"folds {rep['folds']}: {cv_dir}/{oof} (candidate) against {baseline_dir} (baseline)")
    for name in ("baseline", "candidate"):
        f = rep[name]
        print(
            f"{name:10s} dice {f['dice']:.3f}  3-D {f['dice_3d']:.3f}  pooled "
            f"{f['pooled_dice']:.3f}  slice AUC {f['slice_auc']:.3f}  bleeding flagged "
            f"{f['bleeding_flagged']}/{f['bleeding']}  clean flagged "
            f"{f['clean_flagged']}/{f['clean']}"
        )
    d = rep["dice_difference"]
    print(f"dice difference {d['mean']:+.4f}  95% CI {d['ci95'][0]:+.4f} to {d['ci95'][1]:+.4f}")
    print(f"report: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
