"""The ``ichseg`` command line: parse arguments, build adapters, call one service function."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ichseg import __version__
from ichseg.errors import IchsegError
from ichseg.outputs import MASKS_DIR, OVERLAY_NAME, REPORT_NAME

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", type=Path, help="ONNX model (spec beside it); default: shipped model")
    p.add_argument("--batch-size", type=int, help="slices per model call (default 8)")
    p.add_argument("--threads", type=int, help="ONNX Runtime threads (default: automatic)")
    p.add_argument(
        "--precision",
        choices=("default", "float32", "int8"),
        help="model variant (default: the one the model's spec names)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser.

    Returns:
        The top-level parser with its sub-commands.
    """
    parser = argparse.ArgumentParser(
        prog="ichseg", description="Intracranial haemorrhage segmentation on head CT."
    )
    parser.add_argument("--version", action="version", version=f"ichseg {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True)

    seg = sub.add_parser("segment", help="segment one scan: video, PNG/JPEG, DICOM or NIfTI")
    seg.add_argument("input", type=Path, help="video, folder/zip of slices or DICOM, NIfTI file")
    seg.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    seg.add_argument("--overwrite", action="store_true", help="replace a non-empty output folder")
    seg.add_argument("--fps", type=int, help="slices per second in the videos (default 5)")
    seg.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    _add_model_args(seg)

    ev = sub.add_parser("evaluate", help="Dice, IoU and slice AUC against ground-truth masks")
    ev.add_argument("--pred", type=Path, required=True, help="segment output(s): OUT or OUT/PPP")
    ev.add_argument("--truth", type=Path, required=True, help="truth masks: DIR or DIR/PPP/*.png")
    ev.add_argument("--images", type=Path, help="segment IMAGES/PPP into PRED/PPP first if missing")
    ev.add_argument("--cases", help="comma-separated case (patient) folders to use")
    ev.add_argument("--json", type=Path, help="also write the summary as JSON")
    _add_model_args(ev)

    sample = sub.add_parser("sample", help="write a synthetic head-CT phantom (DICOM and NIfTI)")
    sample.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    sample.add_argument("--slices", type=int, default=24, help="number of slices (default 24)")
    sample.add_argument("--seed", type=int, default=0, help="random seed (default 0)")

    node = sub.add_parser("dicom", help="run a DICOM node: receive CT series, send SEG + SR back")
    node.add_argument("--ae-title", help="this node's AE title (default ICHSEG)")
    node.add_argument("--host", help="listen address (default 127.0.0.1)")
    node.add_argument("--port", type=int, help="listen port (default 11112)")
    node.add_argument("--spool", type=Path, help="state folder (default ./ichseg-node)")
    node.add_argument("--series-timeout", type=float, help="seconds of quiet = complete (10)")
    node.add_argument("--allow-aet", action="append", help="calling AE title allowed (repeat)")
    node.add_argument("--dest", choices=["cstore", "stow", "none"], help="where results go")
    node.add_argument("--dest-aet", help="C-STORE destination AE title")
    node.add_argument("--dest-host", help="C-STORE destination host")
    node.add_argument("--dest-port", type=int, help="C-STORE destination port")
    node.add_argument("--stow-url", help="DICOMweb base URL for STOW-RS")
    node.add_argument("--key-images", choices=["off", "bleeding", "all"], help="overlay images")
    _add_model_args(node)

    serve = sub.add_parser("serve", help="run the embedded service and web app on this machine")
    serve.add_argument("--host", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8765)")
    serve.add_argument("--data-dir", type=Path, help="where uploads, results and the index live")
    serve.add_argument("--model", type=Path, help="ONNX model; default: shipped model")
    return parser


def _pipeline_settings(args: argparse.Namespace) -> Any:
    from ichseg.settings import PipelineSettings

    overrides = {
        key: value
        for key, value in {
            "model_path": getattr(args, "model", None),
            "batch_size": getattr(args, "batch_size", None),
            "threads": getattr(args, "threads", None),
            "fps": getattr(args, "fps", None),
            "precision": getattr(args, "precision", None),
        }.items()
        if value is not None
    }
    return PipelineSettings(**overrides)


class _Progress:
    """A tqdm bar per stage, shown only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage = stage
            unit = "slice" if stage == "segment" else "video"
            self.bar = tqdm(total=total, desc=stage, unit=unit, leave=False, file=sys.stderr)
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def cmd_segment(args: argparse.Namespace) -> int:
    """Run ``ichseg segment``."""
    from ichseg.runtimes import load_segmenter
    from ichseg.service import segment_scan

    settings = _pipeline_settings(args)
    segmenter = load_segmenter(settings)
    progress = _Progress(enabled=not args.quiet and sys.stderr.isatty())
    try:
        report = segment_scan(
            args.input,
            args.out,
            segmenter,
            progress=progress,
            batch_size=settings.batch_size,
            max_batch_pixels=settings.max_batch_pixels,
            overwrite=args.overwrite,
            fps=settings.fps,
        )
    finally:
        progress.close()
    if not args.quiet:
        print("\n".join(summary_lines(report, args.out.resolve())))
    return EXIT_OK


def summary_lines(report: dict, out: Path) -> list[str]:
    """What ``ichseg segment`` prints: the verdict, the bleeding slices, the outputs.

    Args:
        report: The scan's ``report.json`` content.
        out: The output folder.

    Returns:
        The lines, without newlines.
    """
    scan = report["scan"]
    volume = "unknown (no spacing)" if scan["volume_ml"] is None else f"{scan['volume_ml']} mL"
    verdict = "HAEMORRHAGE" if scan["haemorrhage"] else "no haemorrhage found"
    lines = [f"{verdict}: probability {scan['probability']:.3f}, volume {volume}"]
    if scan["bleeding_slices"]:
        lines.append(f"bleeding slices: {', '.join(map(str, scan['bleeding_slices']))}")
        # Called by the slice score (its own or a confident neighbour's) with no pixel over
        # the pixel threshold: nothing is outlined there, and a reader should still look.
        unoutlined = [
            s["index"]
            for s in report.get("slices", [])
            if s.get("haemorrhage") and not s.get("area_px")
        ]
        if unoutlined:
            listed = ", ".join(map(str, unoutlined))
            lines.append(f"  of which no outline drawn (called by the slice score): {listed}")
    lines += [
        f"video:  {out / OVERLAY_NAME}",
        f"masks:  {out / MASKS_DIR}",
        f"report: {out / REPORT_NAME}",
        f"took {report['timings_s']['total']:.2f} s for {scan['n_slices']} slices",
    ]
    return lines


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Run ``ichseg evaluate``."""
    from ichseg.evaluation import evaluate_case, find_cases, summarise

    cases = find_cases(args.truth)
    if args.cases:
        wanted = [c.strip() for c in args.cases.split(",") if c.strip()]
        missing = sorted(set(wanted) - set(cases))
        if missing:
            raise IchsegError(f"cases not found under {args.truth}: {', '.join(missing)}")
        cases = wanted
    if args.images is not None:
        from ichseg.runtimes import load_segmenter
        from ichseg.service import segment_scan

        settings = _pipeline_settings(args)
        segmenter = load_segmenter(settings)
        for case in cases:
            out = args.pred / case if case else args.pred
            if not (out / REPORT_NAME).is_file():
                src = args.images / case if case else args.images
                segment_scan(
                    src,
                    out,
                    segmenter,
                    batch_size=settings.batch_size,
                    max_batch_pixels=settings.max_batch_pixels,
                    overwrite=True,
                )
    results = [
        evaluate_case(
            case or args.pred.name,
            args.pred / case if case else args.pred,
            args.truth / case if case else args.truth,
        )
        for case in cases
    ]
    summary = summarise(results)
    _print_summary(summary)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2, default=_json_nan) + "\n")
    return EXIT_OK


def _json_nan(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def _fmt(value: float) -> str:
    return "  n/a" if value is None or math.isnan(value) else f"{value:.3f}"


def _print_summary(summary: dict[str, Any]) -> None:
    print(f"{'case':>8} {'slices':>6} {'bleed':>5} {'dice':>6} {'iou':>6} {'truth':>5} {'pred':>5}")
    for row in summary["cases"]:
        print(
            f"{row['case']:>8} {row['n_slices']:>6} {row['bleeding_slices']:>5} "
            f"{_fmt(row['dice_bleeding']):>6} {_fmt(row['iou_bleeding']):>6} "
            f"{'yes' if row['truth_positive'] else 'no':>5} "
            f"{'yes' if row['predicted_positive'] else 'no':>5}"
        )
    scan = summary["scan_confusion"]
    print(f"Dice (Hssayeni protocol): {_fmt(summary['hssayeni_dice'])}")
    print(f"IoU (bleeding slices):    {_fmt(summary['mean_iou_bleeding'])}")
    print(f"slice ROC AUC:            {_fmt(summary['slice_auc'])}")
    print(
        f"scans: sensitivity {_fmt(scan['sensitivity'])} ({scan['tp']}/{scan['tp'] + scan['fn']}), "
        f"specificity {_fmt(scan['specificity'])} ({scan['tn']}/{scan['tn'] + scan['fp']})"
    )


def cmd_sample(args: argparse.Namespace) -> int:
    """Run ``ichseg sample``."""
    from ichseg.phantom import write_phantom

    info = write_phantom(args.out, n_slices=args.slices, seed=args.seed)
    for key, value in info.items():
        print(f"{key}: {value}")
    return EXIT_OK


def cmd_dicom(args: argparse.Namespace) -> int:
    """Run ``ichseg dicom``: the DICOM node (C-STORE SCP, SEG + SR back)."""
    import logging

    from ichseg.adapters.dicom_scp import DicomNode
    from ichseg.adapters.dicom_senders import sender_for
    from ichseg.dicom_node import NodeSettings, pipeline
    from ichseg.runtimes import load_segmenter

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    overrides = {
        key: value
        for key, value in {
            "ae_title": args.ae_title,
            "host": args.host,
            "port": args.port,
            "spool_dir": args.spool,
            "series_timeout_s": args.series_timeout,
            "allowed_calling_aets": args.allow_aet,
            "destination": args.dest,
            "dest_ae_title": args.dest_aet,
            "dest_host": args.dest_host,
            "dest_port": args.dest_port,
            "stow_url": args.stow_url,
            "key_images": args.key_images,
            "model_path": args.model,
            "batch_size": args.batch_size,
            "threads": args.threads,
        }.items()
        if value is not None
    }
    settings = NodeSettings(**overrides)
    node = DicomNode(settings, pipeline(load_segmenter(settings), settings), sender_for(settings))
    node.start()
    node.wait()
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Run ``ichseg serve``."""
    from ichseg.server import ServeSettings, run_server

    overrides = {
        key: value
        for key, value in {
            "host": args.host,
            "port": args.port,
            "data_dir": args.data_dir,
            "model_path": args.model,
        }.items()
        if value is not None
    }
    run_server(ServeSettings(**overrides))
    return EXIT_OK


COMMANDS = {
    "segment": cmd_segment,
    "evaluate": cmd_evaluate,
    "sample": cmd_sample,
    "serve": cmd_serve,
    "dicom": cmd_dicom,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ichseg`` command.

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 2 for bad input, 1 for an internal error.
    """
    args = build_parser().parse_args(argv)
    debug = args.debug or os.environ.get("ICHSEG_DEBUG") == "1"
    try:
        return COMMANDS[args.command](args)
    except IchsegError as exc:
        if debug:
            raise
        print(f"ichseg: error: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("ichseg: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if debug:
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        print(f"ichseg: internal error: {type(exc).__name__}: {first}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
