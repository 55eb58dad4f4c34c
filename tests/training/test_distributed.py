import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")
pytestmark = [pytest.mark.tf, pytest.mark.slow]

from training.launch import main as launch_main  # noqa: E402
from training.launch import tf_config  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from test_training_loop import make_dataset  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


PATCH_HEAD = [
    "train_crop: 16",
    "dice_mode: image",
    "subtype_head: true",
    "subtype_weight: 0.5",
]


def _config(tmp_path: Path, extra: list[str]) -> Path:
    make_dataset(tmp_path / "data", n_patients=4, size=32)
    rows = [
        "PatientNumber,SliceNumber,Intraventricular,Intraparenchymal,Subarachnoid,Epidural,Subdural"
    ]
    rows += [
        f"{p + 1},{s},0,{int(p % 2 == 0 and s in (2, 3))},0,0,0"
        for p in range(4)
        for s in range(1, 5)
    ]
    (tmp_path / "data" / "slices.csv").write_text("\n".join(rows) + "\n")
    cfg = tmp_path / "dist.yaml"
    cfg.write_text(
        "\n".join(
            [
                f"data_dir: {tmp_path / 'data'}",
                "cache_dir: null",
                "input_size: 32",
                "base_width: 4",
                "depth: 2",
                "batch_size: 4",
                "n_val: 1",
                "learning_rate: 0.01",
                "seed: 3",
                *extra,
            ]
        )
        + "\n"
    )
    return cfg


@pytest.mark.parametrize(
    ("extra", "loss_atol"),
    [([], 1e-5), (PATCH_HEAD, 1e-5), (["precision: mixed_bfloat16", "train_crop: 16"], 1e-2)],
    ids=["whole-slices-batch-dice", "patches-image-dice-subtype-head", "mixed-bfloat16"],
)
def test_two_workers_match_each_other_and_a_single_process(tmp_path, extra, loss_atol):
    """2 workers x 2 images == 1 process x 4 images: same weights, same per-step loss
    (within bfloat16 rounding for the mixed-precision run, whose checkpoint is float32)."""
    cfg = _config(tmp_path, extra)
    steps = ["--steps", "3"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("TF_CONFIG", None)
    # The single-process reference runs at the same time as the two workers.
    single = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "training.distributed",
            "--config",
            str(cfg),
            "--out-dir",
            str(tmp_path / "single"),
            *steps,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    multi = subprocess.run(
        [
            sys.executable,
            "-m",
            "training.launch",
            "--workers",
            "2",
            "--timeout",
            "240",
            "--",
            "--config",
            str(cfg),
            "--out-dir",
            str(tmp_path / "multi"),
            *steps,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    _, single_err = single.communicate(timeout=300)
    assert multi.returncode == 0, multi.stderr[-3000:]
    assert single.returncode == 0, single_err[-3000:]

    w0 = np.load(tmp_path / "multi" / "worker-0.weights.npz")
    w1 = np.load(tmp_path / "multi" / "worker-1.weights.npz")
    assert w0.files == w1.files and len(w0.files) > 10
    for name in w0.files:
        np.testing.assert_allclose(w0[name], w1[name], atol=1e-7, rtol=0)

    r0 = json.loads((tmp_path / "multi" / "worker-0.json").read_text())
    rs = json.loads((tmp_path / "single" / "worker-0.json").read_text())
    assert r0["workers"] == 2 and rs["workers"] == 1
    np.testing.assert_allclose(r0["losses"], rs["losses"], atol=loss_atol, rtol=0)
    # The weights moved during training (the run really trained).
    assert r0["losses"][0] != r0["losses"][-1]
    assert (tmp_path / "multi" / "last.keras").exists()
    if "precision: mixed_bfloat16" in extra:
        import keras

        assert r0["compute_dtype"] == rs["compute_dtype"] == "bfloat16"
        saved = keras.saving.load_model(tmp_path / "multi" / "last.keras", compile=False)
        assert {layer.compute_dtype for layer in saved.layers} == {"float32"}


def test_tf_config_names_cluster_and_task():
    conf = json.loads(tf_config(["a:1", "b:2"], 1))
    assert conf == {"cluster": {"worker": ["a:1", "b:2"]}, "task": {"type": "worker", "index": 1}}
    with pytest.raises(ValueError, match="index"):
        tf_config(["a:1"], 3)


def test_launcher_prints_a_command_per_host(capsys):
    code = launch_main(["--hosts", "h1:2222,h2:2222", "--print", "--", "--config", "c.yaml"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("TF_CONFIG=") == 2 and "training.distributed --config c.yaml" in out
    assert '"index": 1' in out


def test_launcher_needs_an_index_with_hosts(capsys):
    assert launch_main(["--hosts", "h1:2222"]) == 2
    assert "--index" in capsys.readouterr().err
