#!/usr/bin/env bash
# Restore drill: dump the database, restore it into a fresh database on the same server, start the app on the copy
# (loopback only, Entra sign-in with placeholder settings: development sign-in is never used on real data) and check
# that it serves the copy, refuses it to anyone not signed in, and that a recommendation's evidence came back intact.
#
# Usage: deploy/restore-drill.sh [CONNECTION_STRING] [REFERENCE]
#   CONNECTION_STRING  the app's own (Npgsql) connection string; default $ConnectionStrings__Readiness
#   REFERENCE          the recommendation to check; default one that has evidence
# Needs pg_dump, pg_restore, psql, curl and openssl on PATH (or in PG_BIN), and the app: READINESS_APP_DIR (default /app, or
# src/Readiness.Web/bin/Release/net10.0 in the repository). Keeps the restored copy with KEEP_RESTORED=1.
set -euo pipefail

source_cs=${1:-${ConnectionStrings__Readiness:-}}
reference=${2:-}
[[ -n "$source_cs" ]] || { echo "Give the connection string, or set ConnectionStrings__Readiness." >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
app_dir=${READINESS_APP_DIR:-/app}
[[ -f "$app_dir/Readiness.Web.dll" ]] || app_dir="$ROOT/src/Readiness.Web/bin/Release/net10.0"
if [[ ! -f "$app_dir/Readiness.Web.dll" ]]; then
  dotnet build "$ROOT/src/Readiness.Web" -c Release -nologo -v quiet >/dev/null
fi
export PATH="${PG_BIN:-/usr/lib/postgresql/15/bin}:$PATH"

# The app's "Key=Value;..." connection string as a libpq conninfo, for pg_dump, pg_restore and psql.
conninfo() {
  local out="" pair key value
  IFS=';' read -ra pairs <<< "$1"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key=$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value=${pair#*=}
    value=${value//\'/\\\'}
    case "$key" in
      host|server) out+="host='$value' " ;;
      port) out+="port='$value' " ;;
      database|db) out+="dbname='$value' " ;;
      username|userid|user) out+="user='$value' " ;;
      password) out+="password='$value' " ;;
      sslmode) out+="sslmode='$(echo "$value" | sed -E 's/([a-z])([A-Z])/\1-\2/g' | tr '[:upper:]' '[:lower:]')' " ;;
    esac
  done
  echo "$out"
}
with_database() { echo "$1" | sed -E "s/(^|;)[[:space:]]*(Database|DB)=[^;]*/\1Database=$2/I"; }
sql() { psql "$1" -v ON_ERROR_STOP=1 -Atq -c "$2"; }

source=$(conninfo "$source_cs")
drill_db="readiness_drill_$(date +%Y%m%d%H%M%S)"
drill_cs=$(with_database "$source_cs" "$drill_db")
drill=$(conninfo "$drill_cs")
work=$(mktemp -d)
app_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  if [[ "${KEEP_RESTORED:-0}" != 1 ]]; then
    psql "$source" -Atq -c "DROP DATABASE IF EXISTS \"$drill_db\"" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '%-58s' "$1"; started=$(date +%s%N); }
took() { echo "$(( ($(date +%s%N) - started) / 1000000 )) ms"; }
free_port() {
  for port in $(shuf -i 20000-60000 -n 50); do
    (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

if [[ -z "$reference" ]]; then
  reference=$(sql "$source" "SELECT r.reference FROM recommendations r JOIN evidence_items e ON e.recommendation_id = r.id
    JOIN evidence_file_versions v ON v.evidence_item_id = e.id ORDER BY r.reference LIMIT 1")
  [[ -n "$reference" ]] || { echo "No recommendation with evidence files to check; name one." >&2; exit 1; }
fi
expected=$(sql "$source" "SELECT r.id || '|' || count(v.id) FROM recommendations r
  LEFT JOIN evidence_items e ON e.recommendation_id = r.id LEFT JOIN evidence_file_versions v ON v.evidence_item_id = e.id
  WHERE r.reference = '${reference//\'/\'\'}' GROUP BY r.id")
[[ -n "$expected" ]] || { echo "There is no recommendation $reference." >&2; exit 1; }
recommendation_id=${expected%%|*}
files=${expected##*|}

step "Dumping the database"
pg_dump --format=custom --no-owner --file="$work/readiness.dump" "$source"
echo "$(du -h "$work/readiness.dump" | cut -f1) in $(took)"

step "Restoring into $drill_db"
sql "$source" "CREATE DATABASE \"$drill_db\"" >/dev/null
pg_restore --no-owner --exit-on-error --dbname="$drill" "$work/readiness.dump"
took

step "Comparing row counts"
for table in recommendations milestones progress_updates evidence_items evidence_file_versions evidence_file_contents audit_events users; do
  [[ "$(sql "$source" "SELECT count(*) FROM $table")" == "$(sql "$drill" "SELECT count(*) FROM $table")" ]] \
    || { echo "FAILED: $table differs"; exit 1; }
done
echo "recommendations, milestones, updates, evidence, audit, users match"

step "Starting the app on the restored copy"
port=$(free_port)
# The copy's data protection keys are encrypted; the drill needs no cookie, so a throwaway certificate will do when the
# production one is not given.
if [[ -z "${DataProtection__CertificatePath:-}" ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/dp.key" -out "$work/dp.crt" -days 1 -subj "/CN=Readiness restore drill" 2>/dev/null
  openssl pkcs12 -export -out "$work/dp.pfx" -inkey "$work/dp.key" -in "$work/dp.crt" -passout pass:
  export DataProtection__CertificatePath="$work/dp.pfx"
fi
# Entra mode with placeholders: the app starts and guards every page, and no one can sign in to the copy.
drill_env=(ASPNETCORE_ENVIRONMENT=Staging ConnectionStrings__Readiness="$drill_cs" Auth__Mode=Entra
  AzureAd__Instance=https://login.microsoftonline.com/ AzureAd__TenantId=organizations
  AzureAd__ClientId=00000000-0000-0000-0000-000000000000 AzureAd__ClientSecret=restore-drill-placeholder
  Reminders__RunServer=false Logging__LogLevel__Default=Warning)
env "${drill_env[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$app_dir/Readiness.Web.dll" > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 150); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { echo "FAILED: the app stopped"; cat "$work/app.log"; exit 1; }
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "FAILED: not ready"; cat "$work/app.log"; exit 1; }
echo "ready on port $port in $(took)"

step "Recommendation $reference"
status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$port/recommendations/$recommendation_id")
[[ "$status" == 302*"/sign-in"* ]] || { echo "FAILED: its page answered $status to someone not signed in"; exit 1; }
echo "its page asks for sign-in"

step "Its $files evidence files"
verified=$(env "${drill_env[@]}" dotnet "$app_dir/Readiness.Web.dll" evidence verify --recommendation "$recommendation_id" 2>&1) \
  || { echo "FAILED: $verified"; exit 1; }
grep -qF "$files evidence files checked" <<< "$verified" || { echo "FAILED: $verified"; exit 1; }
echo "read back with the SHA-256 recorded at upload"

echo "Restore drill passed: $reference and its evidence are intact in a restored copy."
