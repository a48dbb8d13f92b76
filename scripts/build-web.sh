#!/usr/bin/env bash
# Builds the web UI (web/) into OUT_DIR: type-checks it with tsc, bundles it
# with Vite. CMake runs this before embedding the files into biobridge.
# Usage: scripts/build-web.sh OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/build-web.sh OUT_DIR}
if [ ! -x node_modules/.bin/vite ] || [ ! -x node_modules/.bin/tsc ]; then
  echo "error: the web UI's npm packages are missing; run scripts/install-deps.sh build (or make build)" >&2
  exit 1
fi
node_modules/.bin/tsc -p web/tsconfig.json
BIOBRIDGE_WEB_OUT="$out" node_modules/.bin/vite build web --logLevel warn
