#!/usr/bin/env bash
# Regenerates the committed C# API client from an OpenAPI document: generate.sh DOCUMENT.json [OUTPUT]
# (ApiClientTests generates into a temporary OUTPUT and compares; when the committed client differs it keeps the
# document the running app served and names it, so this script can regenerate the committed one from it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
document=$(realpath "${1:?Usage: generate.sh DOCUMENT.json [OUTPUT]}")
output=$(realpath -m "${2:-$here/Generated}")
cd "$here"
KIOTA_UPDATE_DISABLED=true dotnet kiota generate --language CSharp --openapi "$document" --class-name ReadinessApiClient \
  --namespace-name Readiness.ApiClient --output "$output" --exclude-backward-compatible --clean-output --log-level Error >/dev/null
rm -f "$output/kiota-lock.json" "$output/.kiota.log"
