#!/usr/bin/env bash
# The load benchmark (README, "Performance"): installs wrk, builds in Release, seeds a private PostgreSQL with
# seed-scale data, starts the app as its own process and drives it with wrk. Prints the table; --out FILE keeps it.
# Options: --recommendations N (default 5000), --seconds N a scenario (default 10).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/deploy/local/prerequisites.sh"
if ! command -v wrk >/dev/null; then
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wrk >/dev/null
fi
# The app under load is published as the container image publishes it (deploy/container/Dockerfile: ReadyToRun).
export READINESS_APP_DIRECTORY="$ROOT/tests/Readiness.Benchmarks/bin/app"
dotnet publish "$ROOT/src/Readiness.Web/Readiness.Web.csproj" -c Release -o "$READINESS_APP_DIRECTORY" --no-self-contained \
  -p:UseAppHost=false -r linux-x64 -p:PublishReadyToRun=true -nologo -v quiet
exec dotnet run -c Release --project "$ROOT/tests/Readiness.Benchmarks" -- "$@"
