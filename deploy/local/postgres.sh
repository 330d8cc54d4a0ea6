#!/usr/bin/env bash
# A private PostgreSQL cluster under a data folder, on loopback, for local runs.
# Source it, then: pg_start DATA_DIR PORT; pg_stop DATA_DIR. Sets READINESS_PG_CONNECTION, and PG_STARTED_HERE=true only
# when this call started the server (a cluster already running, for example for the app beside an operations command,
# is left to whoever started it).

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_postgres_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local data=$1 port=$2 bin
  bin=$(pg_bin)
  mkdir -p "$data"
  data=$(cd "$data" && pwd) # PostgreSQL reads a relative socket directory from inside its data folder
  if [[ ! -f "$data/pg/PG_VERSION" ]]; then
    echo "Creating a private PostgreSQL cluster in $data/pg..."
    mkdir -p "$data/pg"
    head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$data/pg-password"
    chmod 600 "$data/pg-password"
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres "$data/pg" "$data/pg-password"
    fi
    as_postgres_owner "$bin/initdb" -D "$data/pg" -U readiness --auth=scram-sha-256 --pwfile="$data/pg-password" -E UTF8 --locale=C.UTF-8 >/dev/null
    [[ $(id -u) -eq 0 ]] && chown root "$data/pg-password"
  fi
  mkdir -p "$data/run"
  [[ $(id -u) -eq 0 ]] && chown postgres "$data/run"
  PG_STARTED_HERE=false
  if ! as_postgres_owner "$bin/pg_ctl" -D "$data/pg" status >/dev/null 2>&1; then
    PG_STARTED_HERE=true
    as_postgres_owner "$bin/pg_ctl" -D "$data/pg" -l "$data/run/postgres.log" -w \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data/run" start >/dev/null
  fi
  local password
  password=$(cat "$data/pg-password")
  export PGPASSWORD=$password
  psql -h 127.0.0.1 -p "$port" -U readiness -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='readiness'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$port" -U readiness -d postgres -qc "CREATE DATABASE readiness"
  unset PGPASSWORD
  export READINESS_PG_CONNECTION="Host=127.0.0.1;Port=$port;Database=readiness;Username=readiness;Password=$password"
}

pg_stop() {
  local data=$1
  as_postgres_owner "$(pg_bin)/pg_ctl" -D "$data/pg" -m fast stop >/dev/null 2>&1 || true
}
