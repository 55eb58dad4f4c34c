#!/usr/bin/env bash
# Install what the Firebase emulator tests need; safe to run again (idempotent).
#   * Java 17+ and the Firestore emulator jar (Debian: google-cloud-cli-firestore-emulator)
#   * Node 20+ and firebase-tools (Auth emulator) from package-lock.json, into ./node_modules
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: $1 is missing ($2)" >&2; exit 1; }; }
need java "install a Java 17+ runtime, e.g. apt-get install openjdk-17-jre-headless"
need node "install Node.js 20+"
need npm "install npm"

java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
if [ "${java_major:-0}" -lt 17 ]; then
  echo "setup: Java 17+ is required (found ${java_major:-unknown})" >&2; exit 1
fi

jar="${ICHSEG_FIRESTORE_EMULATOR_JAR:-/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar}"
if [ ! -f "$jar" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq google-cloud-cli-firestore-emulator
  fi
  [ -f "$jar" ] || { echo "setup: Firestore emulator jar not found at $jar (apt package google-cloud-cli-firestore-emulator, or set ICHSEG_FIRESTORE_EMULATOR_JAR)" >&2; exit 1; }
fi

stamp="$here/node_modules/.ichseg-lock.sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [ -x "$here/node_modules/.bin/firebase" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "setup: firebase-tools already installed"
else
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
echo "setup: ok (java $java_major, $(node --version), firebase-tools $("$here/node_modules/.bin/firebase" --version 2>/dev/null | tail -1))"
