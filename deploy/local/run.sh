#!/usr/bin/env bash
# Starts Readiness on this machine: a private PostgreSQL (or $READINESS_DB), demonstration data, a mail catcher
# and the app in development sign-in mode. Ctrl-C stops all of it; running it again reuses the data.
#
#   deploy/local/run.sh              start everything and serve http://127.0.0.1:5000
#   deploy/local/run.sh VERB ...     run an operations command (migrate, seed-demo, ...) against the local database
#
# Settings: READINESS_DATA_DIR (default deploy/local/.data), READINESS_DB (a connection string: use that database instead),
# READINESS_PG_PORT (default 55432).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DATA=${READINESS_DATA_DIR:-$ROOT/deploy/local/.data}
PG_PORT=${READINESS_PG_PORT:-55432}
APP_URL=http://127.0.0.1:5000
MAIL_URL=http://127.0.0.1:5080
SMTP_PORT=2525
# shellcheck source=postgres.sh
source "$ROOT/deploy/local/postgres.sh"

"$ROOT/deploy/local/prerequisites.sh"
echo "Building..."
dotnet build "$ROOT/src/Readiness.Web" -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null

started_pg=false
pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if $started_pg; then pg_stop "$DATA"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n "${READINESS_DB:-}" ]]; then
  connection=$READINESS_DB
else
  pg_start "$DATA" "$PG_PORT"
  started_pg=$PG_STARTED_HERE
  connection=$READINESS_PG_CONNECTION
fi

export ConnectionStrings__Readiness=$connection
export ASPNETCORE_ENVIRONMENT=Development
export Auth__Mode=Dev
export Readiness__PublicBaseUrl=$APP_URL
export Email__Smtp__Host=127.0.0.1
export Email__Smtp__Port=$SMTP_PORT

# Commands run from the caller's folder, so relative paths such as --out board.pdf land where the caller expects.
export ASPNETCORE_CONTENTROOT=$ROOT/src/Readiness.Web
app() {
  dotnet "$ROOT/src/Readiness.Web/bin/Release/net10.0/Readiness.Web.dll" "$@"
}

start_mail_catcher() {
  mkdir -p "$DATA/smtp4dev"
  (cd "$ROOT" && exec dotnet smtp4dev --urls="$MAIL_URL" --smtpport=$SMTP_PORT --imapport="" --pop3port="" \
    --db="$DATA/smtp4dev/smtp4dev.db" >"$DATA/smtp4dev.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 120); do
    (exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null && return 0
    sleep 0.25
  done
  echo "The mail catcher did not start; see $DATA/smtp4dev.log" >&2
}

if (( $# > 0 )); then
  case "$1" in
    migrate) ;;
    seed-*) app migrate >/dev/null ;;
    *) app migrate >/dev/null && app seed-demo >/dev/null ;;
  esac
  if [[ "$1" == "reminders" ]] && ! (exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null; then
    start_mail_catcher
    echo "Mail goes to the local mail catcher; run deploy/local/run.sh to read it at $MAIL_URL."
  fi
  app "$@"
  exit $?
fi

app migrate
app seed-demo
start_mail_catcher

(exec dotnet "$ROOT/src/Readiness.Web/bin/Release/net10.0/Readiness.Web.dll" --urls "$APP_URL") &
pids+=($!)

for _ in $(seq 1 60); do
  curl -fsS "$APP_URL/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
cat <<MSG

Readiness is running (sample data, development sign-in):
  app           $APP_URL
  mail catcher  $MAIL_URL   (SMTP on 127.0.0.1:$SMTP_PORT)
  database      $( [[ -n "${READINESS_DB:-}" ]] && echo "from READINESS_DB" || echo "private cluster in $DATA/pg, port $PG_PORT" )
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
