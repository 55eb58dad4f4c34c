#!/usr/bin/env bash
# Stop the emulators started by start.sh (by their recorded process groups only).
set -uo pipefail
run="$(cd "$(dirname "$0")" && pwd)/.run"
for name in firestore auth; do
  pidfile="$run/$name.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  rm -f "$pidfile"
done
echo "stop: done"
