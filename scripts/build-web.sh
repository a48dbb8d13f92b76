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
# The API's types come from the OpenAPI document: a stale copy fails the build.
generated=$(mktemp --suffix=.ts)
trap 'rm -f "$generated"' EXIT
node_modules/.bin/openapi-typescript src/api/openapi.json -o "$generated" --silent
if ! cmp -s "$generated" web/src/api-schema.ts; then
  echo "error: web/src/api-schema.ts is not what src/api/openapi.json says; regenerate it with: npm run api-types" >&2
  diff -u web/src/api-schema.ts "$generated" | head -40 >&2 || true
  exit 1
fi
node_modules/.bin/tsc -p web/tsconfig.json
BIOBRIDGE_WEB_OUT="$out" node_modules/.bin/vite build web --logLevel warn
# Compressed copies of the text files beside them (brotli, gzip), which the
# server sends to browsers that accept them; -n keeps the build reproducible.
find "$out" -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \
  -o -name '*.txt' -o -name '*.webmanifest' \) -size +1k -print0 |
  while IFS= read -r -d '' file; do
    gzip -9 -n -k -f "$file"
    brotli -q 11 -k -f "$file"
  done
