"""Training progress kept across sessions: what to copy out of a run folder, and back in.

A session ends at its time limit and its machine may not come back. What a later session
needs to go on (or to export) is copied out of a run folder (``runs/final``, or each fold of
``runs/cv``) into a folder committed with the project (``final/``, ``cv/foldK``), and copied
back before the next run, which then resumes where the last one stopped. Never copied: any
prediction (the ``oof`` folders hold CT-ICH masks); they are recomputed from the weights.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: A run's resume point: weights and optimizer state, then its counters (removed when the
#: run finishes).
RESUME_WEIGHTS = "resume.weights.npz"
RESUME_STATE = "resume.json"
#: Written when a run finishes (``training.train.train``'s summary).
SUMMARY = "summary.json"

#: What is kept of a run: weights, optimizer state and the run's records.
PROGRESS_FILES = (
    "best.keras",
    "last.keras",
    RESUME_WEIGHTS,
    RESUME_STATE,
    "config.json",
    "split.json",
    "history.jsonl",
    SUMMARY,
)


def finished(run_dir: Path) -> bool:
    """Whether a run folder holds a finished run: a summary and no resume point.

    Args:
        run_dir: The run's folder.

    Returns:
        ``True`` when training it again would only repeat it.
    """
    return (run_dir / SUMMARY).exists() and not (run_dir / RESUME_STATE).exists()


def save_run(run_dir: Path, dest: Path) -> list[Path]:
    """Copy one run's progress into a kept folder.

    A resume point left in ``dest`` by an earlier save is removed once the run has finished
    (the run removes its own), so that a fresh machine does not resume a finished run.

    Args:
        run_dir: The run's folder (``out_dir`` of its config).
        dest: The kept folder.

    Returns:
        The files written.
    """
    written = []
    for name in PROGRESS_FILES:
        src = run_dir / name
        if src.exists():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
            written.append(dest / name)
        elif (dest / name).exists() and name.startswith("resume"):
            (dest / name).unlink()
    return written


def seed_from(kept: Path, run_dir: Path) -> None:
    """Start a run folder from the kept progress (files already there win).

    A kept resume point never goes into a run folder that holds a finished run: the run
    removed its own when it finished, and one copied back from an older save would make it
    train its last epochs again.

    Args:
        kept: The kept folder (see :func:`save_run`); nothing happens if it is absent.
        run_dir: The folder to run in.
    """
    if not kept.is_dir():
        return
    for src in kept.rglob("*"):
        if src.is_file():
            target = run_dir / src.relative_to(kept)
            if src.name in (RESUME_WEIGHTS, RESUME_STATE) and finished(target.parent):
                continue
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target)
