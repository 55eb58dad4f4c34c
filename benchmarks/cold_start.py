"""Cold start: a fresh Python process importing ichseg and loading the model.

Each repeat is a new interpreter (as a Lambda cold start, a CLI run or a server start
would be): it times the imports a segmentation needs (``ichseg.service`` and the ONNX
adapter; PyAV, SciPy and pydicom are imported later, by the call that needs them), the
model load (ONNX Runtime session and spec; the variant the spec serves by default) and the
first prediction of one whole 512x512 slice; the process's whole wall time is timed from
outside. The first repeat also pays for a cold OS file cache; the median is of all. Lambda
keeps the loaded session across warm invocations (``functions/segment/handler.get_deps``).

With ``--entry lambda`` the import is what a cold Lambda pays before its first slice: the
handler module (its init phase: Powertools, X-Ray, pydantic settings, the cloud service) and
then, on the first invocation, the SDKs and clients ``get_deps`` builds (boto3 S3 and
DynamoDB clients, the Firestore client), without any network call (dummy region and keys,
a Firestore emulator address that is never dialled); the two parts are printed below the
table. ``--entry lambda-prepared`` starts the handler as Lambda does for provisioned
concurrency: its init builds all of that and runs the model once before any event, so
"import" is only what an event finds still to do (nothing) and the init is printed apart.

    uv run python benchmarks/cold_start.py [--model PATH] [--repeats 5]
        [--entry pipeline|lambda|lambda-prepared]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import cpu_flags, machine, resolve_model

IMPORTS = {
    "pipeline": """
import numpy as np
from ichseg.service import segment_scan
from ichseg.runtimes import load_model
parts = {}
""",
    "lambda": """
import numpy as np
import functions.segment.handler
from ichseg.runtimes import load_model
parts = {"lambda init": time.perf_counter() - t0}
from ichseg.adapters.aws import boto_client
from ichseg.adapters.firestore import firestore_client
clients = [boto_client("s3"), boto_client("dynamodb"), firestore_client("bench", None)]
parts["first invocation: SDKs and clients"] = time.perf_counter() - t0 - parts["lambda init"]
""",
    # Provisioned concurrency: the handler's init builds the clients, loads the model and
    # runs it once before any event; "load" and "first slice" are then the first event's.
    "lambda-prepared": """
import numpy as np
import functions.segment.handler as handler
parts = {"lambda init, before any event": time.perf_counter() - t0}
t0 = time.perf_counter()
def load_model(path, prefer_gpu):
    return handler.get_deps().segmenter()
""",
}
#: Environment of a Lambda child: enough for the clients to be built, never used to call out.
LAMBDA_ENV = {
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "FIRESTORE_EMULATOR_HOST": "127.0.0.1:9",
    "POWERTOOLS_SERVICE_NAME": "bench",
}

CHILD = """
import json, sys, time
t0 = time.perf_counter()
{imports}
t1 = time.perf_counter()
seg = load_model(sys.argv[1], prefer_gpu=False)
t2 = time.perf_counter()
s = seg.spec
x = np.random.default_rng(0).random((1, s.input_height, s.input_width, s.channels), np.float32)
seg.predict(x)
t3 = time.perf_counter()
late = [m for m in ("av", "scipy", "pydicom", "nibabel") if m in sys.modules]
print(json.dumps({{"import": t1 - t0, "load": t2 - t1, "first_slice": t3 - t2, "parts": parts,
                  "model": __import__("pathlib").Path(seg.info.path).name, "late": late}}))
"""


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--entry",
        choices=sorted(IMPORTS),
        default="pipeline",
        help="what the process imports first: the pipeline (CLI, server) or the Lambda handler"
        " (lambda-prepared: as Lambda starts it for provisioned concurrency)",
    )
    args = parser.parse_args()

    model_path, origin = resolve_model(args.model)
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    if args.entry.startswith("lambda"):
        env.update(LAMBDA_ENV)
    if args.entry == "lambda-prepared":
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "provisioned-concurrency"
        env["ICHSEG_MODEL_PATH"] = str(model_path)
    child = CHILD.format(imports=IMPORTS[args.entry])
    print(f"machine: {machine()}")
    print(f"cpu flags: {cpu_flags()}")
    print(f"model: {origin} ({model_path.stat().st_size / 1e6:.1f} MB); entry: {args.entry}")
    cols = ("import", "load", "first_slice", "total", "process")
    print(f"{'run':>4} " + " ".join(f"{c + ' s':>14}" for c in cols))
    rows = []
    for run in range(1, args.repeats + 1):
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", child, str(model_path)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row["process"] = time.perf_counter() - t0
        row["total"] = row["import"] + row["load"] + row["first_slice"]
        rows.append(row)
        print(f"{run:>4} " + " ".join(f"{row[c]:>14.3f}" for c in cols))
    print(
        f"{'med':>4} " + " ".join(f"{statistics.median(r[c] for r in rows):>14.3f}" for c in cols)
    )
    for part in rows[-1]["parts"]:
        print(f"of the import, {part}: {statistics.median(r['parts'][part] for r in rows):.3f} s")
    print(f"served: {rows[-1]['model']}; imported by then of av/scipy/pydicom/nibabel: "
          f"{rows[-1]['late'] or 'none'}")  # fmt: skip
    print(
        "(first_slice: one 512x512 slice; total: import + load + first slice; "
        "process: interpreter start to exit, timed from outside)"
    )


if __name__ == "__main__":
    main()
