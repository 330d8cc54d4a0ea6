#!/usr/bin/env bash
# Installs what Readiness needs on a fresh Debian machine, skipping what is already there.
# Usage: prerequisites.sh [--browser]   (--browser adds what the tests need: Chromium, and yamllint for deploy/)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

packages=(postgresql fonts-liberation2 curl)
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium yamllint)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} > 0 )); then
  echo "Installing ${missing[*]}..."
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# SDK 10.0.401, restoring into an empty package cache, reads the tools after smtp4dev (a package per runtime) as
# holding smtp4dev's command and fails; the packages it downloaded are right, and a second restore succeeds.
(cd "$ROOT" && { dotnet tool restore >/dev/null 2>&1 || dotnet tool restore >/dev/null; })
if [[ ! -f "$ROOT/src/Readiness.Web/node_modules/.package-lock.json" ]]; then
  (cd "$ROOT/src/Readiness.Web" && npm ci --no-audit --no-fund --loglevel=error)
fi
# The tests' own tools: Redocly CLI lints the API description.
if [[ "${1:-}" == "--browser" && ! -f "$ROOT/tests/tools/node_modules/.package-lock.json" ]]; then
  (cd "$ROOT/tests/tools" && npm ci --no-audit --no-fund --loglevel=error)
fi
