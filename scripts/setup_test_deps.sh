#!/usr/bin/env bash
# Installs what the test suite needs beyond the Python lock file. Idempotent.
#  - Debian's Chromium (browser tests drive /usr/bin/chromium with Playwright)
#  - Java for the Firestore emulator, and firebase-tools (Auth emulator) from npm
#  - the pinned aws-cdk CLI (package.json/package-lock.json at the root) into ./node_modules
#  - Orthanc with its DICOMweb plugin (the DICOM node tests start it on 127.0.0.1 themselves)
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
command -v Orthanc >/dev/null 2>&1 || [ -x /usr/sbin/Orthanc ] || need_apt+=(orthanc)
[ -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || need_apt+=(orthanc-dicomweb)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# The package starts a system Orthanc where services may start; the tests need none.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet orthanc 2>/dev/null; then
  $SUDO systemctl stop orthanc || true
  $SUDO systemctl disable orthanc >/dev/null 2>&1 || true
fi

if [ -f scripts/emulators/setup.sh ]; then
  bash scripts/emulators/setup.sh
fi

# The aws-cdk CLI pinned in package.json (tests/infra/test_cdk_cli.py runs its synth).
stamp="node_modules/.ichseg-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -x node_modules/.bin/cdk ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "setup: aws-cdk CLI already installed"
else
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
