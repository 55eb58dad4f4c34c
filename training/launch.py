r"""Start multi-worker training: N local workers, or one worker of an EC2 host list.

Local (one machine, N processes)::

    python -m training.launch --workers 2 -- --config configs/default.yaml --steps 500

Several hosts (run the same command on every host, each with its own ``--index``)::

    python -m training.launch --hosts 10.0.0.11:2222,10.0.0.12:2222 --index 0 -- \\
        --config configs/default.yaml --steps 500

``--print`` shows the ``TF_CONFIG`` and command for every host instead of running.
Everything after ``--`` is passed to :mod:`training.distributed`.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_ports(n: int) -> list[int]:
    """Ask the OS for ``n`` free TCP ports on localhost.

    Args:
        n: How many.

    Returns:
        Port numbers (free when checked; a race with other programs is possible).
    """
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def tf_config(hosts: list[str], index: int) -> str:
    """The ``TF_CONFIG`` JSON for one worker of a cluster.

    Args:
        hosts: ``host:port`` of every worker, chief first.
        index: This worker's position in ``hosts``.

    Returns:
        JSON text.
    """
    if not 0 <= index < len(hosts):
        raise ValueError(f"index {index} outside 0..{len(hosts) - 1}")
    return json.dumps({"cluster": {"worker": hosts}, "task": {"type": "worker", "index": index}})


def worker_command(args: list[str]) -> list[str]:
    """The command line of one worker.

    Args:
        args: Arguments for :mod:`training.distributed`.

    Returns:
        argv list.
    """
    return [sys.executable, "-m", "training.distributed", *args]


def run_local(workers: int, args: list[str], timeout_s: float | None = None) -> int:
    """Start ``workers`` local processes and wait for all of them.

    If one fails, the others are stopped (a collective would otherwise wait forever).

    Args:
        workers: Number of processes.
        args: Arguments for :mod:`training.distributed`.
        timeout_s: Give up (and stop the workers) after this many seconds.

    Returns:
        0 when every worker succeeded, else the first non-zero exit status.
    """
    hosts = [f"localhost:{p}" for p in free_ports(workers)]
    root = str(Path(__file__).resolve().parent.parent)
    procs = []
    for i in range(workers):
        env = dict(os.environ, TF_CONFIG=tf_config(hosts, i))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        procs.append(subprocess.Popen(worker_command(args), env=env, cwd=root))
    deadline = time.monotonic() + timeout_s if timeout_s else None
    status = 0
    while any(p.poll() is None for p in procs):
        failed = [p.returncode for p in procs if p.returncode not in (None, 0)]
        timed_out = deadline is not None and time.monotonic() > deadline
        if failed or timed_out:
            status = failed[0] if failed else 124
            for p in procs:
                if p.poll() is None:
                    p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
            return status
        time.sleep(0.2)
    for p in procs:
        if p.returncode:
            return p.returncode
    return status


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and launch.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit status.
    """
    raw = list(sys.argv[1:] if argv is None else argv)
    worker_args: list[str] = []
    if "--" in raw:
        cut = raw.index("--")
        raw, worker_args = raw[:cut], raw[cut + 1 :]
    p = argparse.ArgumentParser(prog="python -m training.launch")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--workers", type=int, help="number of local worker processes")
    mode.add_argument("--hosts", help="comma-separated host:port list, chief first")
    p.add_argument("--index", type=int, help="this host's worker index (with --hosts)")
    p.add_argument("--print", action="store_true", help="print per-host commands and exit")
    p.add_argument("--timeout", type=float, help="stop local workers after this many seconds")
    args = p.parse_args(raw)
    if args.workers is not None:
        if args.workers < 1:
            print("error: --workers must be >= 1", file=sys.stderr)
            return 2
        return run_local(args.workers, worker_args, args.timeout)
    hosts = [h.strip() for h in args.hosts.split(",") if h.strip()]
    if args.print:
        for i in range(len(hosts)):
            cmd = shlex.join(["python", "-m", "training.distributed", *worker_args])
            print(f"# {hosts[i]}\nTF_CONFIG={shlex.quote(tf_config(hosts, i))} {cmd}")
        return 0
    if args.index is None:
        print("error: --hosts needs --index (or --print)", file=sys.stderr)
        return 2
    try:
        env = dict(os.environ, TF_CONFIG=tf_config(hosts, args.index))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return subprocess.call(worker_command(worker_args), env=env)


if __name__ == "__main__":
    sys.exit(main())
