#!/usr/bin/env bash
# Installs the Debian packages BioBridge needs that are missing, for the given
# purposes (build, test, bench; default: build test), then the npm packages.
# Works as root or through sudo; does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

purposes=("$@")
[ ${#purposes[@]} -gt 0 ] || purposes=(build test)

missing=()
while read -r purpose package command; do
  case "$purpose" in ''|'#'*) continue ;; esac
  printf '%s\n' "${purposes[@]}" | grep -qx "$purpose" || continue
  if [ -n "${command:-}" ]; then
    command -v "$command" >/dev/null 2>&1 && continue
  else
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' && continue
  fi
  missing+=("$package")
done < deps/debian-packages.txt

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages (the web UI's toolchain: TypeScript, Vite, Preact; the test
# tools: playwright-core, axe-core, the OpenAPI validator), pinned by
# package-lock.json. Re-installed only when the lock file changed.
if printf '%s\n' "${purposes[@]}" | grep -qxE 'build|test'; then
  stamp=node_modules/.biobridge-lock
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    echo "Installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
