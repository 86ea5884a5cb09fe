#!/usr/bin/env bash
# A Parity cluster on this machine: PostgreSQL (a server of our own from the Debian binaries, unless
# PARITY_POSTGRES names one) and N silo processes on loopback sharing it for storage and membership.
#
#   deploy/local-cluster.sh start [N]   build the silo once, start PostgreSQL if needed and N silos (default 3)
#   deploy/local-cluster.sh status      pid, ports and readiness of each silo, and the PostgreSQL server
#   deploy/local-cluster.sh stop        SIGTERM every silo, wait for each to leave the cluster, stop PostgreSQL
#
# Settings (environment):
#   PARITY_STATE_DIR       pids, logs and the PostgreSQL data directory   (default: /tmp/parity-local-cluster)
#   PARITY_POSTGRES        Npgsql connection string of an existing server  (default: start one in the state dir)
#   PARITY_POSTGRES_PORT   port of the server started here                 (default: 55432)
#   PARITY_HTTP_BASE_PORT  HTTP port of silo 1; silo i gets base + i - 1   (default: 5080)
#   PARITY_SILO_BASE_PORT  silo port of silo 1; silo i gets base + i - 1   (default: 11111)
#   PARITY_CLUSTER_ID      cluster id                                       (default: parity)
#   PARITY_SKIP_BUILD=1    use the existing Release build of silo/
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${PARITY_STATE_DIR:-/tmp/parity-local-cluster}
pg_port=${PARITY_POSTGRES_PORT:-55432}
http_base=${PARITY_HTTP_BASE_PORT:-5080}
silo_base=${PARITY_SILO_BASE_PORT:-11111}
cluster_id=${PARITY_CLUSTER_ID:-parity}
silo_dir="$repo/silo/bin/Release/net10.0"
pg_dir="$state/postgres"

log() { printf '%s\n' "$*" >&2; }
die() { log "local-cluster: $*"; exit 1; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql), or set PARITY_POSTGRES"
  printf '%s' "$dir"
}

# PostgreSQL refuses to run as root: run its tools as the postgres user, which must own the data directory.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

connection_string() {
  if [ -n "${PARITY_POSTGRES:-}" ]; then
    printf '%s' "$PARITY_POSTGRES"
  else
    printf 'Host=127.0.0.1;Port=%s;Username=postgres;Database=parity' "$pg_port"
  fi
}

start_postgres() {
  if [ -n "${PARITY_POSTGRES:-}" ]; then
    log "PostgreSQL: using PARITY_POSTGRES"
    return
  fi

  local bin
  bin=$(pg_bin)
  if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    log "PostgreSQL: initdb in $pg_dir/data"
    mkdir -p "$pg_dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_dir"
    as_pg "$bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-locale --no-instructions >"$pg_dir/initdb.log"
    # Durable defaults (fsync, synchronous_commit) stay on: this is the configuration figures are quoted for.
    cat >>"$pg_dir/data/postgresql.conf" <<EOF

# parity local cluster
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_dir'
max_connections = 200
EOF
  fi

  if as_pg "$bin/pg_ctl" status -D "$pg_dir/data" >/dev/null 2>&1; then
    log "PostgreSQL: already running on 127.0.0.1:$pg_port"
  else
    port_in_use "$pg_port" && die "port $pg_port is taken; set PARITY_POSTGRES_PORT (or remove $pg_dir to start over)"
    as_pg "$bin/pg_ctl" start -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 -s
    log "PostgreSQL: started on 127.0.0.1:$pg_port (log $pg_dir/server.log)"
  fi

  if [ -z "$(as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'parity'")" ]; then
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres parity
  fi
}

stop_postgres() {
  [ -n "${PARITY_POSTGRES:-}" ] && return
  [ -f "$pg_dir/data/PG_VERSION" ] || return 0
  local bin
  bin=$(pg_bin)
  if as_pg "$bin/pg_ctl" status -D "$pg_dir/data" >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" stop -D "$pg_dir/data" -m fast -w -s
    log "PostgreSQL: stopped (data kept in $pg_dir/data)"
  fi
}

wait_ready() {
  local i=$1 url="http://127.0.0.1:$((http_base + i - 1))/health/ready" deadline=$((SECONDS + 60))
  until curl -fsS "$url" >/dev/null 2>&1; do
    if ! alive "$state/silo-$i.pid"; then
      log "silo $i exited; the end of its log ($state/silo-$i.log):"
      tail -n 30 "$state/silo-$i.log" >&2
      return 1
    fi
    [ $SECONDS -lt $deadline ] || { log "silo $i was not ready within 60 s ($url)"; return 1; }
    sleep 0.3
  done
}

start() {
  local n=${1:-3}
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '$n'"
  mkdir -p "$state"
  for pid in "$state"/silo-*.pid; do
    [ -e "$pid" ] || continue
    alive "$pid" && die "silos are already running (see '$0 status'); stop them first"
    rm -f "$pid"
  done

  for ((i = 1; i <= n; i++)); do
    port_in_use $((http_base + i - 1)) && die "HTTP port $((http_base + i - 1)) is taken; set PARITY_HTTP_BASE_PORT"
    port_in_use $((silo_base + i - 1)) && die "silo port $((silo_base + i - 1)) is taken; set PARITY_SILO_BASE_PORT"
  done

  if [ "${PARITY_SKIP_BUILD:-}" != 1 ]; then
    log "building silo (Release)"
    dotnet build "$repo/silo" -c Release -nologo -v quiet >"$state/build.log" 2>&1 || { tail -n 30 "$state/build.log" >&2; die "build failed"; }
  fi
  [ -f "$silo_dir/Parity.Silo.dll" ] || die "no silo build at $silo_dir"

  start_postgres
  local conn
  conn=$(connection_string)
  for ((i = 1; i <= n; i++)); do
    # The build output holds appsettings.json, and the content root is the working directory.
    (cd "$silo_dir" && exec env \
      Urls="http://127.0.0.1:$((http_base + i - 1))" \
      Silo__SiloPort=$((silo_base + i - 1)) \
      Silo__ClusterId="$cluster_id" \
      Parity__Storage__Provider=Postgres \
      Parity__Storage__ConnectionString="$conn" \
      nohup dotnet Parity.Silo.dll >"$state/silo-$i.log" 2>&1 </dev/null) &
    echo $! >"$state/silo-$i.pid"
  done

  local failed=0
  for ((i = 1; i <= n; i++)); do
    wait_ready "$i" || failed=1
  done
  if [ $failed = 1 ]; then
    log "start failed; stopping what was started"
    stop
    exit 1
  fi

  status
  log "PostgreSQL connection string: $conn"
}

stop() {
  local pids=()
  for file in "$state"/silo-*.pid; do
    [ -e "$file" ] || continue
    if alive "$file"; then
      kill -TERM "$(cat "$file")"
      pids+=("$file")
    else
      rm -f "$file"
    fi
  done

  # A silo leaves gracefully: its grains move, its membership row turns Dead, then it exits.
  for file in "${pids[@]}"; do
    local deadline=$((SECONDS + 30))
    while alive "$file" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if alive "$file"; then
      log "$(basename "$file" .pid) did not stop within 30 s of SIGTERM; killing it"
      kill -KILL "$(cat "$file")" 2>/dev/null || true
    else
      log "$(basename "$file" .pid) stopped"
    fi
    rm -f "$file"
  done

  stop_postgres
}

status() {
  local any=0
  for file in "$state"/silo-*.pid; do
    [ -e "$file" ] || continue
    any=1
    local i name ready
    name=$(basename "$file" .pid)
    i=${name#silo-}
    if alive "$file"; then
      ready=$(curl -fsS "http://127.0.0.1:$((http_base + i - 1))/health/ready" 2>/dev/null || echo "not ready")
      printf '%s  pid %s  http://127.0.0.1:%s  silo port %s  %s  log %s\n' "$name" "$(cat "$file")" \
        $((http_base + i - 1)) $((silo_base + i - 1)) "$ready" "$state/$name.log"
    else
      printf '%s  not running (stale pid file)\n' "$name"
    fi
  done
  [ $any = 1 ] || echo "no silos"

  if [ -n "${PARITY_POSTGRES:-}" ]; then
    echo "PostgreSQL: PARITY_POSTGRES"
  elif [ -f "$pg_dir/data/PG_VERSION" ] && as_pg "$(pg_bin)/pg_ctl" status -D "$pg_dir/data" >/dev/null 2>&1; then
    echo "PostgreSQL: running on 127.0.0.1:$pg_port (data $pg_dir/data)"
  else
    echo "PostgreSQL: not running"
  fi
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  status) status ;;
  *) log "usage: $0 start [N] | stop | status"; exit 2 ;;
esac
