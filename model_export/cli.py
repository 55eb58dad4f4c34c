"""Command line: ``python -m model_export --run-dir runs/train --out ichseg/models``."""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    """The argument parser.

    Returns:
        The parser.
    """
    p = argparse.ArgumentParser(
        prog="python -m model_export",
        description="Export a training run to ONNX, check parity, evaluate, write the card.",
    )
    p.add_argument("--run-dir", type=Path, required=True, help="training output folder")
    p.add_argument("--out", type=Path, default=Path("ichseg/models"), help="destination")
    p.add_argument("--data-dir", type=Path, default=Path("/work/shared/data/ct-ich"))
    p.add_argument("--version", default="1.0.0", help="model version for the spec")
    p.add_argument("--checkpoint", default="best.keras", help="checkpoint in the run folder")
    p.add_argument("--train-command", default="python -m training --config configs/default.yaml")
    p.add_argument("--no-tune", action="store_true", help="keep the run's thresholds")
    p.add_argument("--notes", type=Path, help="Markdown file appended to the model card")
    p.add_argument(
        "--flip-tta",
        choices=("auto", "on", "off"),
        default="auto",
        help="build left-right flip test-time augmentation into the graph (auto: keep the "
        "better on the held-out patients)",
    )
    p.add_argument(
        "--int8",
        action="store_true",
        help="also write the int8 export (calibrated on the training patients), evaluate it "
        "on head boxes and serve it by default when its Dice holds",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and export.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        0 on success, 2 on bad input or a failed parity check.
    """
    raw = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(raw)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    needed = [args.run_dir / "config.json", args.run_dir / args.checkpoint, args.data_dir]
    for need in needed + ([args.notes] if args.notes else []):
        if not need.exists():
            print(f"error: not found: {need}", file=sys.stderr)
            return 2
    from model_export.pipeline import export_run

    try:
        facts = export_run(
            args.run_dir,
            args.out,
            args.data_dir,
            args.version,
            checkpoint=args.checkpoint,
            command=args.train_command,
            export_command="python -m model_export " + shlex.join(raw),
            tune_thresholds=not args.no_tune,
            flip_tta={"auto": None, "on": True, "off": False}[args.flip_tta],
            notes=args.notes.read_text(encoding="utf-8") if args.notes else "",
            int8=args.int8,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    val = facts["val"]
    short = {k: v for k, v in val.items() if k != "per_patient"}
    shown = {k: facts[k] for k in ("spec", "parity", "flip_tta", "variants")}
    print(json.dumps({**shown, "val": short}, indent=2, default=float))
    return 0
