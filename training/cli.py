"""Command line for training: ``python -m training --config configs/default.yaml``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, get_args

from training.config import TrainConfig
from training.progress import SUMMARY, finished, save_run, seed_from


def add_arithmetic_arguments(parser: argparse.ArgumentParser) -> None:
    """``--precision`` and ``--[no-]jit-compile``: how this machine computes the steps.

    Neither changes the recipe: a run resumed with other settings goes on from its float32
    weights, and each epoch's settings are kept in ``history.jsonl``.
    """
    parser.add_argument(
        "--precision",
        choices=get_args(TrainConfig.model_fields["precision"].annotation),
        help="override the arithmetic (a resumed run goes on from its float32 weights either way;"
        " each epoch's precision is kept in history.jsonl)",
    )
    parser.add_argument(
        "--jit-compile",
        action=argparse.BooleanOptionalAction,
        help="override whether the training step is compiled with XLA",
    )


def arithmetic_updates(args: argparse.Namespace) -> dict[str, Any]:
    """The config fields that :func:`add_arithmetic_arguments`' options override."""
    return {
        k: v
        for k, v in {"precision": args.precision, "jit_compile": args.jit_compile}.items()
        if v is not None
    }


def build_parser() -> argparse.ArgumentParser:
    """The argument parser.

    Returns:
        The parser.
    """
    p = argparse.ArgumentParser(prog="python -m training", description="Train the ichseg U-Net.")
    p.add_argument("--config", type=Path, required=True, help="YAML training config")
    p.add_argument("--out-dir", type=Path, help="override out_dir")
    p.add_argument("--data-dir", type=Path, help="override data_dir")
    p.add_argument("--max-minutes", type=float, help="override the wall-clock budget")
    p.add_argument("--epochs", type=int, help="override epochs")
    p.add_argument("--steps-per-epoch", type=int, help="override steps_per_epoch")
    add_arithmetic_arguments(p)
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument(
        "--kept",
        type=Path,
        help="folder of kept progress (final/): seeds out_dir before the run (files there win)",
    )
    p.add_argument(
        "--save-progress",
        type=Path,
        metavar="DEST",
        help="only copy the weights, records and resume point in out_dir into DEST, then exit",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, train (or only keep the run's progress), print the summary.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit status: 0 on success, 2 on a bad config or data folder.
    """
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        cfg = TrainConfig.from_yaml(args.config)
        updates = {
            "out_dir": args.out_dir,
            "data_dir": args.data_dir,
            "max_minutes": args.max_minutes,
            "epochs": args.epochs,
            "steps_per_epoch": args.steps_per_epoch,
        }
        updates = {k: v for k, v in updates.items() if v} | arithmetic_updates(args)
        cfg = cfg.model_validate({**cfg.model_dump(), **updates})
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.save_progress:
        for path in save_run(cfg.out_dir, args.save_progress):
            print(path)
        return 0
    if not cfg.data_dir.is_dir():
        print(f"error: data folder not found: {cfg.data_dir}", file=sys.stderr)
        return 2
    if args.kept:
        seed_from(args.kept, cfg.out_dir)
        if finished(cfg.out_dir):
            # like a finished fold of `make cv`: kept and done, not trained again
            print(f"{cfg.out_dir} has finished ({cfg.out_dir / SUMMARY}); remove it to train again")
            return 0
    from training.train import train

    try:
        summary = train(cfg, show_progress=not args.no_progress)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    best = {k: v for k, v in summary["best"].items() if k != "per_patient"}
    print(json.dumps({**summary, "best": best}, indent=2))
    return 0
