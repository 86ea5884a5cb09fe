#!/usr/bin/env bash
# A Parity cluster on this machine: PostgreSQL (a server of our own from the Debian binaries, unless
# PARITY_POSTGRES names one), the schema applied by the silo's migrate verb, N Orleans silo processes on
# loopback sharing the database (ADO.NET clustering, grain state, reminders and the journal), and a standalone
# gateway (the channels' HTTP API as an Orleans client).
#
#   deploy/local-cluster.sh start [N]   build silo and gateway once, start PostgreSQL if needed, migrate, N silos (default 3), the gateway
#   deploy/local-cluster.sh status      pid, ports and readiness of each silo and the gateway, and the PostgreSQL server
#   deploy/local-cluster.sh stop        SIGTERM the gateway and every silo, wait for each to exit, stop PostgreSQL
#
# Settings (environment):
#   PARITY_STATE_DIR          pids, logs and the PostgreSQL data directory        (default: /tmp/parity-local-cluster)
#   PARITY_POSTGRES           Npgsql connection string of an existing server       (default: start one in the state dir)
#   PARITY_POSTGRES_PORT      port of the server started here                      (default: 55432)
#   PARITY_HTTP_BASE_PORT     HTTP port of silo 1; silo i gets base + i - 1        (default: 5080)
#   PARITY_SILO_BASE_PORT     silo-to-silo port of silo 1; silo i gets base + i - 1 (default: 11111)
#   PARITY_GATEWAY_BASE_PORT  Orleans gateway (client) port of silo 1; likewise     (default: 30000)
#   PARITY_GATEWAY_HTTP_PORT  HTTP port of the standalone gateway                  (default: 5090)
#   PARITY_CLUSTER_ID         Orleans cluster id                                   (default: parity-local)
#   PARITY_SERVICE_ID         Orleans service id                                   (default: parity)
#   PARITY_SKIP_BUILD=1       use the existing Release builds of silo/ and client-gateway/
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${PARITY_STATE_DIR:-/tmp/parity-local-cluster}
pg_port=${PARITY_POSTGRES_PORT:-55432}
http_base=${PARITY_HTTP_BASE_PORT:-5080}
silo_base=${PARITY_SILO_BASE_PORT:-11111}
gateway_base=${PARITY_GATEWAY_BASE_PORT:-30000}
gateway_http=${PARITY_GATEWAY_HTTP_PORT:-5090}
cluster_id=${PARITY_CLUSTER_ID:-parity-local}
service_id=${PARITY_SERVICE_ID:-parity}
silo_dir="$repo/silo/bin/Release/net10.0"
gateway_dir="$repo/client-gateway/bin/Release/net10.0"
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

# One Npgsql pool per process: N silos x 40 + the gateway's 10 stay below the server's max_connections (200) for
# up to four silos; Npgsql's default (100 per process) does not.
with_pool() { printf '%s;Maximum Pool Size=%s' "$1" "$2"; }

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

# The schema is applied once, by the silo's migrate verb, before any silo starts: never by several silos at once.
migrate() {
  log "migrating the schema (silo migrate verb; log $state/migrate.log)"
  if ! (cd "$silo_dir" && env \
      Parity__Storage__Provider=Postgres \
      Parity__Storage__ConnectionString="$1" \
      dotnet Parity.Silo.dll migrate) >"$state/migrate.log" 2>&1 </dev/null; then
    tail -n 30 "$state/migrate.log" >&2
    return 1
  fi
}

# Waits for GET <url> to answer 200 while the process of <pid file> lives.
wait_ready() {
  local name=$1 url=$2 pidfile=$3 logfile=$4 deadline=$((SECONDS + 90))
  until curl -fsS "$url" >/dev/null 2>&1; do
    if ! alive "$pidfile"; then
      log "$name exited; the end of its log ($logfile):"
      tail -n 30 "$logfile" >&2
      return 1
    fi
    [ $SECONDS -lt $deadline ] || { log "$name was not ready within 90 s ($url)"; return 1; }
    sleep 0.3
  done
}

start() {
  local n=${1:-3}
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '$n'"
  mkdir -p "$state"
  for pid in "$state"/silo-*.pid "$state"/gateway.pid; do
    [ -e "$pid" ] || continue
    alive "$pid" && die "the cluster is already running (see '$0 status'); stop it first"
    rm -f "$pid"
  done

  for ((i = 1; i <= n; i++)); do
    port_in_use $((http_base + i - 1)) && die "HTTP port $((http_base + i - 1)) is taken; set PARITY_HTTP_BASE_PORT"
    port_in_use $((silo_base + i - 1)) && die "silo port $((silo_base + i - 1)) is taken; set PARITY_SILO_BASE_PORT"
    port_in_use $((gateway_base + i - 1)) && die "gateway port $((gateway_base + i - 1)) is taken; set PARITY_GATEWAY_BASE_PORT"
  done
  port_in_use "$gateway_http" && die "HTTP port $gateway_http of the gateway is taken; set PARITY_GATEWAY_HTTP_PORT"

  if [ "${PARITY_SKIP_BUILD:-}" != 1 ]; then
    log "building silo and gateway (Release)"
    for project in silo client-gateway; do
      dotnet build "$repo/$project" -c Release -nologo -v quiet >"$state/build.log" 2>&1 || { tail -n 30 "$state/build.log" >&2; die "build of $project failed"; }
    done
  fi
  [ -f "$silo_dir/Parity.Silo.dll" ] || die "no silo build at $silo_dir"
  [ -f "$gateway_dir/Parity.Gateway.dll" ] || die "no gateway build at $gateway_dir"

  start_postgres
  local conn
  conn=$(connection_string)
  migrate "$conn" || die "migration failed"

  for ((i = 1; i <= n; i++)); do
    # The build output holds appsettings.json, and the content root is the working directory.
    (cd "$silo_dir" && exec env \
      Urls="http://127.0.0.1:$((http_base + i - 1))" \
      Parity__Storage__Provider=Postgres \
      Parity__Storage__ConnectionString="$(with_pool "$conn" 40)" \
      Parity__Storage__MigrateOnStart=false \
      Parity__Cluster__ClusterId="$cluster_id" \
      Parity__Cluster__ServiceId="$service_id" \
      Parity__Cluster__SiloPort=$((silo_base + i - 1)) \
      Parity__Cluster__GatewayPort=$((gateway_base + i - 1)) \
      Parity__Cluster__AdvertisedIPAddress=127.0.0.1 \
      nohup dotnet Parity.Silo.dll >"$state/silo-$i.log" 2>&1 </dev/null) &
    echo $! >"$state/silo-$i.pid"
  done

  local failed=0
  for ((i = 1; i <= n; i++)); do
    wait_ready "silo $i" "http://127.0.0.1:$((http_base + i - 1))/health/ready" "$state/silo-$i.pid" "$state/silo-$i.log" || failed=1
  done

  # The gateway is an Orleans client: it finds the silos' gateways in the membership table, so it starts last.
  if [ $failed = 0 ]; then
    (cd "$gateway_dir" && exec env \
      Urls="http://127.0.0.1:$gateway_http" \
      Parity__Storage__ConnectionString="$(with_pool "$conn" 10)" \
      Parity__Cluster__ClusterId="$cluster_id" \
      Parity__Cluster__ServiceId="$service_id" \
      nohup dotnet Parity.Gateway.dll >"$state/gateway.log" 2>&1 </dev/null) &
    echo $! >"$state/gateway.pid"
    wait_ready "gateway" "http://127.0.0.1:$gateway_http/health/ready" "$state/gateway.pid" "$state/gateway.log" || failed=1
  fi

  if [ $failed = 1 ]; then
    log "start failed; stopping what was started"
    stop
    exit 1
  fi

  status
  log "PostgreSQL connection string: $conn"
}

# SIGTERM, then up to 30 s for a graceful exit (a silo hands its grains over and leaves the membership), then SIGKILL.
stop_processes() {
  local pids=()
  for file in "$@"; do
    [ -e "$file" ] || continue
    if alive "$file"; then
      kill -TERM "$(cat "$file")"
      pids+=("$file")
    else
      rm -f "$file"
    fi
  done

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
}

stop() {
  # The gateway first, so that no new calls arrive while the silos leave.
  stop_processes "$state/gateway.pid"
  stop_processes "$state"/silo-*.pid
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
      ready=$(curl -fsS -o /dev/null -w 'ready' "http://127.0.0.1:$((http_base + i - 1))/health/ready" 2>/dev/null || echo "not ready")
      printf '%s  pid %s  http://127.0.0.1:%s  silo port %s  gateway port %s  %s  log %s\n' "$name" "$(cat "$file")" \
        $((http_base + i - 1)) $((silo_base + i - 1)) $((gateway_base + i - 1)) "$ready" "$state/$name.log"
    else
      printf '%s  not running (stale pid file)\n' "$name"
    fi
  done
  [ $any = 1 ] || echo "no silos"

  if [ -e "$state/gateway.pid" ]; then
    if alive "$state/gateway.pid"; then
      local ready
      ready=$(curl -fsS -o /dev/null -w 'ready' "http://127.0.0.1:$gateway_http/health/ready" 2>/dev/null || echo "not ready")
      printf 'gateway  pid %s  http://127.0.0.1:%s  %s  log %s\n' "$(cat "$state/gateway.pid")" "$gateway_http" "$ready" "$state/gateway.log"
    else
      echo "gateway  not running (stale pid file)"
    fi
  else
    echo "no gateway"
  fi

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
