#!/usr/bin/env bash
# The layering is enforced by the compiler (cmake/BioBridge.cmake, BB_SEES_*):
# with the include view a module's sources get, a header of a module below it
# compiles, and one across the layering does not. Each refusal is checked
# beside an acceptance, so a view that is broken altogether cannot pass.
# Usage: tests/layering/layering_test.sh CXX BUILD_DIR
set -euo pipefail
cxx=${1:?usage: layering_test.sh CXX BUILD_DIR}
layers=${2:?usage: layering_test.sh CXX BUILD_DIR}/layers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# compiles MODULE HEADER: whether a source of MODULE may include HEADER.
compiles() {
  printf '#include "%s"\n' "$2" > "$work/probe.cc"
  "$cxx" -std=c++20 -fsyntax-only -I"$layers/$1" "$work/probe.cc" 2> "$work/err"
}
expect_ok() {
  if compiles "$1" "$2"; then echo "ok: $1/ may include $2"
  else echo "FAIL: $1/ cannot include $2, which it may:"; head -5 "$work/err"; failures=$((failures + 1)); fi
}
expect_refused() {
  if compiles "$1" "$2"; then echo "FAIL: $1/ includes $2 across the layering"; failures=$((failures + 1))
  elif grep -q "No such file" "$work/err"; then echo "ok: $1/ may not include $2"
  else echo "FAIL: $1/ including $2 failed for another reason:"; head -5 "$work/err"; failures=$((failures + 1)); fi
}

expect_ok api service/directory_service.h
expect_ok api service/environment.h
expect_refused api storage/store.h
expect_ok service storage/store.h
expect_refused service api/api.h
expect_ok domain base/json.h
expect_refused domain storage/store.h
expect_refused storage search/search_index.h
expect_refused base domain/organization.h
[ "$failures" -eq 0 ]
