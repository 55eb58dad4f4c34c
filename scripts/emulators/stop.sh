#!/usr/bin/env bash
# Stop the emulators started by start.sh (by their recorded process ids only).
set -uo pipefail
run="$(cd "$(dirname "$0")" && pwd)/.run"
for name in firestore auth; do
  pidfile="$run/$name.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  rm -f "$pidfile"
done
echo "stop: done"
