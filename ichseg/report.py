"""The per-scan report (``report.json``): its keys are a stable interface.

Readers of the report (web app, cloud mirror, ``ichseg evaluate``) rely on at least
``slices[i].index``, ``slices[i].probability``, ``slices[i].area_px``, ``slices[i].area_mm2``,
``scan.haemorrhage``, ``scan.probability``, ``scan.volume_ml``, ``model.name``,
``model.version``, ``model.sha256``, ``input`` and ``timings_s``.

Subtypes (from a model with a subtype head; see ``model.subtypes``): ``slices[i].subtypes``
maps each subtype name to the slice's probability (``null`` without a head);
``scan.subtypes`` maps each name to its highest probability over the slices called
bleeding (empty when none is); ``scan.likely_subtypes`` lists, most probable first, the
names at or above ``model.subtype_threshold`` there.

How the model was shown the scan: ``model.slab_slices`` (native slices per slice the model
saw: above 1 for a thin series, whose native slices then take their slab's mask, score and
call), ``model.slab_kind`` (``"average"``: slabs averaged from a thin acquisition;
``"repeat"``/``"linear"``/``"linear-mid"``: the thicker slices a resampled series was
made from; ``null``),
``model.context_distance_slices`` (model slices between a slice and
its context neighbours) and ``input.framing`` (the head
crop of a screen recording, ``null`` when the whole slices were used). Results in the
input's own format (DICOM SEG/SR, NIfTI mask) are listed in ``files`` when written
(:mod:`ichseg.derived`).
names at or above ``model.subtype_threshold`` there. ``model.subtype_hint_threshold`` is
the calibrated probability from which a viewer may show a subtype as a hint (``null``: the
head is uncalibrated and no subtype should be shown).

``input.patient_name`` and ``input.patient_id`` (DICOM, when the file has them) are the
only patient identifiers in the report; the web viewer shows them only when the user asks,
and the scan summary (:func:`ichseg.records.summarise`) never copies them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ichseg import __version__
from ichseg.outputs import OVERLAY_NAME, REPORT_NAME, SLICES_VIDEO_NAME, mask_name
from ichseg.ports import ModelInfo
from ichseg.postprocess import ScanVerdict, scan_verdict
from ichseg.scan import Scan
from ichseg.spec import PreprocessSpec

__all__ = ["DISCLAIMER", "SliceResult", "build_report", "mask_name"]

REPORT_SCHEMA_VERSION = 1
DISCLAIMER = (
    "Research and triage aid only; not a medical device. A clinician must review every scan."
)


@dataclass(frozen=True)
class SliceResult:
    """What the model found on one slice.

    Attributes:
        probability: The slice score in [0, 1] (:func:`ichseg.postprocess.slice_score`):
            the model's learned slice probability when it has a slice head and the spec's
            ``slice_source`` is ``"head"``, else the maximum pixel probability after speck
            removal.
        area_px: Bleed pixels at the slice's own resolution.
        subtypes: Subtype probabilities in the order of ``spec.subtypes`` (``None`` when
            the model has no subtype head).
    """

    probability: float
    area_px: int
    subtypes: tuple[float, ...] | None = None


def build_report(
    scan: Scan,
    results: Sequence[SliceResult],
    spec: PreprocessSpec,
    model: ModelInfo,
    timings_s: dict[str, float],
    video: dict[str, Any] | None = None,
    *,
    framing: Mapping[str, Any] | None = None,
    context_distance: float = 1.0,
    slab_slices: int = 1,
    slab_kind: str | None = None,
    verdict: ScanVerdict | None = None,
) -> dict[str, Any]:
    """Assemble the report dictionary.

    Args:
        scan: The scan that was segmented (its ``source`` and spacing are reported).
        results: One result per slice, in input order.
        spec: The model's spec (thresholds used for the verdicts, which
            :func:`ichseg.postprocess.scan_verdict` makes).
        model: The model's identity.
        timings_s: Seconds per stage.
        video: Video facts (``fps``, ``width``, ``height``, ``frames``).
        framing: What was cropped of a screen recording (``input.framing``; see
            :meth:`ichseg.framing.Framing.as_dict`), ``None`` when nothing was.
        context_distance: Model slices between a slice and its context neighbours
            (``model.context_distance_slices``).
        slab_slices: Native slices per model slice (``model.slab_slices``).
        slab_kind: How a thin series was shown (``model.slab_kind``: ``"average"``,
            ``"repeat"``, ``"linear"``, ``"linear-mid"``; see
            :class:`ichseg.preprocess.SlabPlan`).
        verdict: The prediction's verdict (:attr:`ichseg.predict.Prediction.verdict`);
            ``None`` makes it from ``results`` with
            :func:`ichseg.postprocess.scan_verdict`. A thin series passes its own: its
            calls were made on the slabs.

    Returns:
        A JSON-serialisable dict.
    """
    pixel_mm2 = None
    if scan.pixel_spacing_mm is not None:
        pixel_mm2 = scan.pixel_spacing_mm[0] * scan.pixel_spacing_mm[1]
    if verdict is None:
        verdict = scan_verdict(
            [r.probability for r in results],
            [r.area_px for r in results],
            spec,
            scan.pixel_spacing_mm,
            scan.slice_thickness_mm,
        )
    elif len(verdict.slice_calls) != len(results):
        raise ValueError("the verdict and the slice results differ in length")
    slices: list[dict[str, Any]] = []
    for i, (res, called) in enumerate(zip(results, verdict.slice_calls, strict=True), start=1):
        slices.append(
            {
                "index": i,
                "probability": round(float(res.probability), 6),
                "haemorrhage": called,
                "area_px": int(res.area_px),
                "area_mm2": None if pixel_mm2 is None else round(res.area_px * pixel_mm2, 3),
                "subtypes": _subtype_dict(spec, res.subtypes),
            }
        )
    scan_subtypes: dict[str, float] | None = None
    likely: list[str] = []
    if spec.subtypes and any(s["subtypes"] for s in slices):
        called_subtypes = [s["subtypes"] for s in slices if s["haemorrhage"] and s["subtypes"]]
        peaks = (
            {n: max(c[n] for c in called_subtypes) for n in spec.subtypes}
            if called_subtypes
            else {}
        )
        likely = [n for n, v in sorted(peaks.items(), key=lambda kv: -kv[1])]
        likely = [n for n in likely if peaks[n] >= spec.subtype_threshold]
        scan_subtypes = peaks
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "ichseg_version": __version__,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "input": {
            **scan.source,
            "n_slices": len(results),
            "hounsfield_units": scan.is_hu,
            "pixel_spacing_mm": list(scan.pixel_spacing_mm) if scan.pixel_spacing_mm else None,
            "slice_thickness_mm": scan.slice_thickness_mm,
            "framing": None if framing is None else dict(framing),
            **scan.patient,
        },
        "model": {
            "name": model.name,
            "version": model.version,
            "sha256": model.sha256,
            "threshold": spec.threshold,
            "slice_threshold": spec.slice_threshold,
            "min_component_px": spec.min_component_px,
            "subtypes": list(spec.subtypes),
            "subtype_threshold": spec.subtype_threshold,
            "context_distance_slices": context_distance,
            "slab_slices": slab_slices,
            "slab_kind": slab_kind,
            "subtype_hint_threshold": spec.subtype_hint_threshold,
        },
        "scan": {
            "haemorrhage": verdict.haemorrhage,
            "probability": round(verdict.probability, 6),
            "volume_ml": verdict.volume_ml,
            "bleeding_slices": verdict.bleeding_slices,
            "n_slices": len(slices),
            "subtypes": scan_subtypes,
            "likely_subtypes": likely,
        },
        "slices": slices,
        "video": video or {},
        "files": {
            "overlay": OVERLAY_NAME,
            "slices_video": SLICES_VIDEO_NAME,
            "masks": [mask_name(i, len(slices)) for i in range(1, len(slices) + 1)],
            "report": REPORT_NAME,
        },
        "timings_s": {k: round(v, 4) for k, v in timings_s.items()},
        "disclaimer": DISCLAIMER,
    }


def _subtype_dict(spec: PreprocessSpec, scores: Sequence[float] | None) -> dict[str, float] | None:
    if scores is None or not spec.subtypes:
        return None
    if len(scores) != len(spec.subtypes):
        raise ValueError(f"{len(scores)} subtype scores for {len(spec.subtypes)} subtypes")
    return {n: round(float(v), 6) for n, v in zip(spec.subtypes, scores, strict=True)}
