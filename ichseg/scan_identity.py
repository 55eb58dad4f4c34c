"""What identifies a scan to its reader, from its report: the study, not the patient.

Patient name and ID are never copied here (the scans list and logs must not show them);
the viewer reads them from ``report.json`` only when the user asks to see them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: ``report.json`` ``input`` keys that describe the study, copied into the scans list.
STUDY_KEYS = (
    "format",
    "study_date",
    "study_description",
    "series_description",
    "modality",
    "n_slices",
    "pixel_spacing_mm",
    "slice_thickness_mm",
)


def study_facts(report: Mapping[str, Any]) -> dict[str, Any]:
    """The study facts of a report that the scans list shows (no patient identity).

    Args:
        report: A parsed ``report.json``.

    Returns:
        The :data:`STUDY_KEYS` that the report's ``input`` holds with a value.
    """
    source = report.get("input") or {}
    return {k: source[k] for k in STUDY_KEYS if source.get(k) not in (None, "")}


def peak_slice(report: Mapping[str, Any]) -> int | None:
    """The slice a reader should see first: the largest bleed, else the highest score.

    The slice score is read generically: ``score`` when the model reports one, else
    ``probability``.

    Args:
        report: A parsed ``report.json``.

    Returns:
        The 1-based slice index, or ``None`` for a report without slices.
    """
    slices = list(report.get("slices") or [])
    if not slices:
        return None

    def score(s: Mapping[str, Any]) -> float:
        value = s.get("score", s.get("probability"))
        return float(value) if isinstance(value, int | float) else 0.0

    best = max(slices, key=lambda s: (int(s.get("area_px") or 0), score(s)))
    return int(best.get("index") or slices.index(best) + 1)
