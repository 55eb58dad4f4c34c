"""Cold start: importing the pipeline loads none of the heavy libraries a call may not need."""

import subprocess
import sys

HEAVY = (
    "scipy",
    "av",
    "pydicom",
    "nibabel",
    "highdicom",
    "onnxruntime",
    "tensorflow",
    "pydantic_settings",  # the environment is read by entry points, not by the pipeline
)


def test_importing_the_pipeline_and_model_factory_loads_no_heavy_library():
    code = (
        "import sys, ichseg, ichseg.service, ichseg.runtimes, ichseg.adapters.onnx_segmenter\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == ""  # each is imported by the call that needs it
