"""The preprocessing spec: the contract between training and serving.

Training writes ``<model>.spec.json`` beside the ONNX model; serving reads it. Every number
that decides how a slice becomes a model input, and how a model output becomes a mask, is
in this file, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ichseg.errors import ModelError

SPEC_SUFFIX = ".spec.json"


class PreprocessSpec(BaseModel):
    """How slices are turned into model inputs and outputs into masks.

    Attributes:
        schema_version: Version of this file's layout.
        model_name: Human name of the model the spec belongs to.
        model_version: Version string of the model.
        input_height: Model input height in pixels.
        input_width: Model input width in pixels.
        context_slices: Neighbouring slices stacked on each side of the centre slice as
            channels (0 gives 1 channel; 1 gives 3 channels: previous, centre, next). Edge
            slices repeat themselves.
        window_level: Brain window level (HU) applied when the input carries Hounsfield units.
        window_width: Brain window width (HU).
        scaling: How 8-bit grey becomes float input; ``"unit"`` divides by 255.
        layout: Tensor layout of the model input.
        threshold: Probability at or above which a pixel is haemorrhage.
        min_component_px: Connected components smaller than this (in model-input pixels)
            are dropped as specks.
        slice_threshold: Slice probability (max pixel probability after speck removal) at
            or above which a slice is called bleeding.
        scan_min_volume_ml: A scan is called positive when a slice is bleeding and, where
            spacing is known, the bleed volume reaches this many millilitres.
        subtypes: Names of the model's per-slice subtype outputs, in output order (empty:
            the model has no subtype head).
        slice_source: ``"head"``: a slice's score is the model's learned slice probability
            where the model has a slice head (else the largest cleaned pixel probability);
            ``"pixels"``: always the largest cleaned pixel probability.
        slice_temperature: Temperature ``T`` calibrating slice scores,
            ``sigmoid(logit(score) / T)`` (fitted on out-of-fold predictions; 1 leaves the
            score as the model gives it).
        slice_context: How much of its stronger neighbour's score a slice takes before
            calibration, ``max(own, slice_context * neighbour)``
            (:func:`ichseg.postprocess.with_neighbours`; chosen on out-of-fold predictions;
            0, the default and what spec files without it load as, ignores neighbours).
        scan_rule: ``"any_slice"``: a scan is positive when a slice is called bleeding (its
            score reaches ``slice_threshold`` and its mask is not empty) and the volume
            reaches ``scan_min_volume_ml``. ``"max"``: the scan score is the highest
            calibrated slice score; ``"pair"``: the highest mean of a slice's score and its
            higher neighbour's (evidence over consecutive slices); with either, a scan is
            positive when its score reaches ``scan_threshold`` and a slice is called
            bleeding when its score reaches ``slice_threshold`` (mask or not: the learned
            score sees bleeds the mask misses).
        scan_threshold: Scan score at or above which the scan is flagged (``max``/``pair``).
        subtype_threshold: Subtype probability at or above which a subtype is listed as
            likely in the report.
        slice_thickness_mm: Distance between slice centres (mm) of the training scans. The
            context channels of a thinner series are taken this far from the centre slice
            (:func:`ichseg.preprocess.context_distance`), so a 1.25 mm series shows the
            model the same neighbours as a 5 mm one. Spec files without it load as 5 mm
            (the CT-ICH release).
        subtype_hint_threshold: Calibrated subtype probability at or above which the
            viewer may show a subtype as a hint; ``None`` (default) when the subtype head
            has not been calibrated on held-out data, and the viewer then shows none.
        serve_int8: Serve the int8 export beside this model (``<stem>.int8.onnx``, same
            thresholds) by default when it exists; ``False`` serves this file.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = 1
    model_name: str = "ichseg-unet"
    model_version: str = "0.0.0"
    input_height: int = Field(256, ge=16, le=2048)
    input_width: int = Field(256, ge=16, le=2048)
    context_slices: int = Field(1, ge=0, le=4)
    window_level: float = 40.0
    window_width: float = Field(120.0, gt=0)
    scaling: Literal["unit"] = "unit"
    layout: Literal["NHWC"] = "NHWC"
    threshold: float = Field(0.5, gt=0, lt=1)
    min_component_px: int = Field(8, ge=0)
    slice_threshold: float = Field(0.5, gt=0, lt=1)
    scan_min_volume_ml: float = Field(0.0, ge=0)
    subtypes: tuple[str, ...] = ()
    subtype_threshold: float = Field(0.5, gt=0, lt=1)
    slice_source: Literal["head", "pixels"] = "head"
    slice_temperature: float = Field(1.0, gt=0)
    slice_context: float = Field(0.0, ge=0, le=1)
    scan_rule: Literal["any_slice", "max", "pair"] = "any_slice"
    scan_threshold: float = Field(0.5, gt=0, lt=1)
    slice_thickness_mm: float = Field(5.0, gt=0, le=50)
    subtype_hint_threshold: float | None = Field(None, gt=0, lt=1)
    serve_int8: bool = False

    @property
    def channels(self) -> int:
        """Number of input channels (``2 * context_slices + 1``)."""
        return 2 * self.context_slices + 1

    def save(self, path: Path) -> None:
        """Write the spec as indented JSON.

        Args:
            path: Destination file (conventionally ``model.onnx`` + ``.spec.json``).
        """
        path.write_text(json.dumps(self.model_dump(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> PreprocessSpec:
        """Read and validate a spec file.

        Args:
            path: The spec JSON file.

        Returns:
            The validated spec.

        Raises:
            ModelError: When the file is missing, not JSON or not a valid spec.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls.model_validate(data)
        except FileNotFoundError as exc:
            raise ModelError(f"model spec file not found: {path}") from exc
        except (json.JSONDecodeError, ValidationError, UnicodeDecodeError) as exc:
            raise ModelError(f"model spec file is invalid: {path}: {exc}") from exc


def int8_path_for(model_path: Path) -> Path:
    """Return the int8 export's path beside a float model.

    Args:
        model_path: Path of the float ``.onnx`` model.

    Returns:
        ``model.onnx`` -> ``model.int8.onnx`` (its spec: ``model.int8.spec.json``).
    """
    return model_path.with_name(model_path.stem + ".int8.onnx")


def spec_path_for(model_path: Path) -> Path:
    """Return the spec path that belongs beside a model file.

    Args:
        model_path: Path of the ``.onnx`` model.

    Returns:
        ``model.onnx`` -> ``model.spec.json``.
    """
    return model_path.with_suffix(SPEC_SUFFIX)
