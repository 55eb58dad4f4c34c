#!/usr/bin/env bash
# Start the Firestore (rules loaded) and Auth emulators in the background for manual work.
# Ports: FIRESTORE_PORT (8080), AUTH_PORT (9099). Prints the environment to export.
# The test suite does not need this: its session fixture starts and stops its own pair.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
run="$here/.run"
mkdir -p "$run"
fs_port="${FIRESTORE_PORT:-8080}"
auth_port="${AUTH_PORT:-9099}"
project="${FIREBASE_PROJECT:-demo-ichseg}"
jar="${ICHSEG_FIRESTORE_EMULATOR_JAR:-/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar}"

nohup java -Duser.language=en -cp "$jar" com.google.cloud.datastore.emulator.firestore.CloudFirestore \
  start --host 127.0.0.1 --port "$fs_port" --rules "$root/firestore.rules" --project_id "$project" \
  >"$run/firestore.log" 2>&1 &
echo $! > "$run/firestore.pid"

cat > "$run/firebase.json" <<JSON
{"emulators": {"auth": {"host": "127.0.0.1", "port": $auth_port}, "ui": {"enabled": false}}}
JSON
cd "$run"
nohup "$here/node_modules/.bin/firebase" emulators:start --only auth \
  --project "$project" --config "$run/firebase.json" >"$run/auth.log" 2>&1 &
echo $! > "$run/auth.pid"

for url in "http://127.0.0.1:$fs_port/" "http://127.0.0.1:$auth_port/"; do
  for _ in $(seq 1 90); do curl -fs "$url" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "$url" >/dev/null 2>&1 || { echo "start: $url did not come up; see $run/*.log" >&2; exit 1; }
done
echo "export FIRESTORE_EMULATOR_HOST=127.0.0.1:$fs_port"
echo "export FIREBASE_AUTH_EMULATOR_HOST=127.0.0.1:$auth_port"
echo "export ICHSEG_FIREBASE_PROJECT_ID=$project"
