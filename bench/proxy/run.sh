#!/usr/bin/env bash
# Proxy benchmark: pgbench select-only through Tollgate's PostgreSQL proxy, against PostgreSQL directly and against
# PgBouncer in session mode and in transaction mode (the issue's reference; Tollgate runs in transaction mode by default).
#
#   bench/proxy/run.sh                                    # 3 rounds x 20 s per line, clients 1 50 200 (~37 min)
#   DURATION=3s ROUNDS=1 CLIENTS="1 10" bench/proxy/run.sh  # quick smoke run
#   flock /tmp/tollgate-mvn.lock bench/proxy/run.sh       # the real measurement: no Maven build meanwhile
#
# Starts a throwaway PostgreSQL 15 cluster (pgbench -i -s 10), two PgBouncers (session and transaction pooling) and
# Tollgate on free ports, registers the database as a Tollgate project, runs interleaved rounds of
# `pgbench -S -T $DURATION -c $c -j 2 -n -M $mode` against each target, reads each proxy's CPU time from /proc,
# optionally profiles Tollgate for a few seconds (JFR + per-thread CPU), then restarts Tollgate and holds
# $IDLE_CLIENTS idle client connections through it (bench/proxy/IdleClients.java) to read its resident memory, prints
# a summary, rewrites the results block of docs/perf/proxy.md and stops everything (also on failure or Ctrl-C).
# See bench/README.md.
#
# Environment (all optional):
#   DURATION=20s          measured length of each pgbench run (-T, whole seconds)
#   ROUNDS=3              interleaved rounds; the tables show the median of the rounds
#   CLIENTS="1 50 200"    client counts (-c)
#   MODES="simple extended prepared"   pgbench query modes (-M); prepared is skipped for PgBouncer transaction mode
#   THREADS=2             pgbench threads (-j, at most the number of clients)
#   WARMUP=1s             unmeasured run before each measured one, same parameters (0 skips it)
#   INITIAL_WARMUP=5s     one unmeasured run per target and mode at the start (JIT, caches); 0 skips it
#   SCALE=10              pgbench -i -s
#   POOL_SIZE=<max CLIENTS>  pool_size of Tollgate's project and of both PgBouncers
#   TOLLGATE_POOL_MODE=session   pool_mode registered for Tollgate's project (session | transaction)
#   PG_MAX_CONNECTIONS=300
#   TARGETS="direct pgb_session pgb_txn tollgate tollgate_noinsights"   tollgate_noinsights: a second Tollgate, started
#                         with -Dtollgate.proxy.insights.enabled=false (no statement normalized or booked to a shape), the
#                         same project registered on it: what insights cost; also: tollgate_limits, the same Tollgate project with tier limits in
#                         force (queries per second and per day set so high they never refuse: what checking costs);
#                         before each run against tollgate the limits are lifted again (bench/entitlements uses both)
#   PROFILE=1             after the measurements, profile Tollgate under load (PROFILE_SECONDS=10, PROFILE_CLIENTS=50,
#                         PROFILE_MODE=simple: the pgbench -M of the profiled run)
#   JAVA_OPTS=            extra JVM options for Tollgate
#   IDLE_CLIENTS=10000    idle client connections held through a restarted Tollgate at the end, to measure its RSS
#                         against the issue's "10,000 idle clients with RSS <= 512 MB"; 0 skips that phase
#   IDLE_JAVA_OPTS=-Xmx256m   extra JVM options (after JAVA_OPTS) for the restarted Tollgate of the idle-client phase
#                         (IDLE_JAVA_OPTS= for none: the JVM's default heap)
#   IDLE_OPEN_TIMEOUT=600 seconds allowed for opening all idle clients
#   RESULTS_FILE=docs/perf/proxy.md   where the results block is written; WRITE_RESULTS=0 to only print
#   SCRIPT=               a pgbench script (-f) run instead of the built-in select-only (-S), e.g.
#                         bench/proxy/cached-select.sql: repeated reads opted into the result cache (ADR 0059)
#   KEEP_WORKDIR=1        keep the temporary directory (logs, raw pgbench output) after the run
#   TOLLGATE_MVN_LOCK_HELD=1  the caller holds /tmp/tollgate-mvn.lock: build without taking it again
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

DURATION="${DURATION:-20s}"
ROUNDS="${ROUNDS:-3}"
CLIENTS="${CLIENTS:-1 50 200}"
MODES="${MODES:-simple extended prepared}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-1s}"
INITIAL_WARMUP="${INITIAL_WARMUP:-5s}"
SCALE="${SCALE:-10}"
TOLLGATE_POOL_MODE="${TOLLGATE_POOL_MODE:-transaction}"
PG_MAX_CONNECTIONS="${PG_MAX_CONNECTIONS:-300}"
TARGETS="${TARGETS:-direct pgb_session pgb_txn tollgate tollgate_noinsights}"
PROFILE="${PROFILE:-1}"
PROFILE_SECONDS="${PROFILE_SECONDS:-10}"
PROFILE_MODE="${PROFILE_MODE:-simple}"
JAVA_OPTS="${JAVA_OPTS:-}"
IDLE_CLIENTS="${IDLE_CLIENTS:-10000}"
IDLE_JAVA_OPTS="${IDLE_JAVA_OPTS--Xmx256m}"
IDLE_OPEN_TIMEOUT="${IDLE_OPEN_TIMEOUT:-600}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/proxy.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"
KEEP_WORKDIR="${KEEP_WORKDIR:-0}"

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PGBENCH="$PG_BIN/pgbench"
PSQL="$PG_BIN/psql"
JAR="${JAR:-$root/bootstrap/target/tollgate.jar}" # another build's jar, to compare two builds in one session
# Fixed throwaway credentials, used only by the instances this script starts.
API_KEY="tg_bench_0123456789abcdefghijklmnopqrstuv"
BENCH_PW="bench-pw-0123456789"
RUN_AS="${RUN_AS:-postgres}" # unprivileged system user for PostgreSQL and PgBouncer (both refuse to run as root)

# Targets from the issue.
TARGET_TPS_RATIO=1.0       # Tollgate TPS >= 1.0x PgBouncer at c=50, simple and extended
TARGET_CPU_RATIO=1.0       # proxy CPU per transaction <= 1.0x PgBouncer's
TARGET_C200_RATIO=1.0      # c=200 >= 1.0x direct
TARGET_IDLE_CLIENTS=10000  # idle client connections held by Tollgate ...
TARGET_IDLE_RSS_MB=256     # ... with a resident set <= 256 MB
TARGET_INSIGHTS_COST=5     # insights cost <= 5 % of Tollgate's throughput at c=50 (vs the same build without them)
# Tollgate's per-project client cap (max_connections, taken from this setting when the project is registered): only
# a cap, high enough for the idle-client phase.
TOLLGATE_MAX_CONNECTIONS=20000

# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"

secs() { # 20s / 20 -> 20
  local v="${1%s}"
  [[ "$v" =~ ^[0-9]+$ ]] || die "durations must be whole seconds (e.g. 20s), got '$1'"
  echo "$v"
}
dur_s="$(secs "$DURATION")"
warm_s="$(secs "$WARMUP")"
init_warm_s="$(secs "$INITIAL_WARMUP")"
[ "$dur_s" -gt 0 ] || die "DURATION must be > 0"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
max_c=0
for c in $CLIENTS; do
  [[ "$c" =~ ^[1-9][0-9]*$ ]] || die "CLIENTS must be positive integers, got '$c'"
  [ "$c" -gt "$max_c" ] && max_c="$c"
done
[ "$max_c" -gt 0 ] || die "CLIENTS is empty"
POOL_SIZE="${POOL_SIZE:-$max_c}"
PROFILE_CLIENTS="${PROFILE_CLIENTS:-50}"
# Tollgate and PgBouncer in session mode cap the upstream connections at pool_size: more clients would queue.
[ "$PROFILE_CLIENTS" -le "$POOL_SIZE" ] || PROFILE_CLIENTS="$POOL_SIZE"
case "$TOLLGATE_POOL_MODE" in session | transaction) ;; *) die "TOLLGATE_POOL_MODE must be session or transaction" ;; esac
[[ "$IDLE_CLIENTS" =~ ^[0-9]+$ ]] || die "IDLE_CLIENTS must be a non-negative integer, got '$IDLE_CLIENTS'"
[ "$IDLE_CLIENTS" -le "$TOLLGATE_MAX_CONNECTIONS" ] \
  || die "IDLE_CLIENTS=$IDLE_CLIENTS is above Tollgate's max_connections cap $TOLLGATE_MAX_CONNECTIONS set by this script"
[[ "$IDLE_OPEN_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "IDLE_OPEN_TIMEOUT must be a positive number of seconds"
if [ $((max_c + 20)) -gt "$PG_MAX_CONNECTIONS" ]; then
  die "PG_MAX_CONNECTIONS=$PG_MAX_CONNECTIONS leaves no room for $max_c direct clients plus the proxies' idle pools"
fi
if [ "$POOL_SIZE" -lt "$max_c" ]; then
  log "WARNING: POOL_SIZE=$POOL_SIZE < $max_c clients: in session pooling the clients beyond the pool wait for a" \
      "server connection that is only freed when another client disconnects (pgbench would stall)"
fi

# --- prerequisites --------------------------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "run as root (PostgreSQL and PgBouncer are started as the unprivileged user '$RUN_AS')"
apt_install() {
  log "installing Debian package(s): $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null; }
}
[ -x "$PG_BIN/postgres" ] && [ -x "$PGBENCH" ] || apt_install postgresql-15 postgresql-contrib
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || apt_install pgbouncer
PGBOUNCER="$(command -v pgbouncer 2>/dev/null || echo /usr/sbin/pgbouncer)"
for tool in curl java setpriv getconf; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
if ! id "$RUN_AS" >/dev/null 2>&1; then
  log "creating the unprivileged system user $RUN_AS"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
fi
as_user() { setpriv --reuid="$RUN_AS" --regid="$(id -g "$RUN_AS")" --init-groups "$@"; }

if [ ! -f "$JAR" ]; then
  log "building $JAR (./mvnw -B -q -o install -DskipTests under /tmp/tollgate-mvn.lock)"
  if [ "${TOLLGATE_MVN_LOCK_HELD:-0}" = "1" ]; then
    ./mvnw -B -q -o install -DskipTests
  else
    flock /tmp/tollgate-mvn.lock ./mvnw -B -q -o install -DskipTests
  fi
fi

# The commit, tree state and jar as they are when the run starts (another session may commit meanwhile).
run_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
commit="$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)"
tree="$(git_tree_state)"
jar_facts="$(TZ=UTC stat -c '%y' "$JAR" | cut -d. -f1) UTC, sha256 $(sha256sum "$JAR" | cut -c1-12)"

# Every client and server connection is a file descriptor: the idle-client phase needs more than IDLE_CLIENTS in both
# Tollgate and the client program (both inherit this limit).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FD_LIMIT="$(ulimit -n)"
if [ "$IDLE_CLIENTS" -gt 0 ] && [ "$FD_LIMIT" != unlimited ] && [ "$FD_LIMIT" -lt $((IDLE_CLIENTS + 1000)) ]; then
  log "WARNING: open-file limit $FD_LIMIT (hard $(ulimit -Hn)) is too low for IDLE_CLIENTS=$IDLE_CLIENTS: that phase will fail"
fi
CLK_TCK="$(getconf CLK_TCK)"

# --- free ports -----------------------------------------------------------------------------------------------------
# shellcheck disable=SC2086 # the taken ports are separate arguments
taken_ports=""
PG_PORT="$(free_port $taken_ports)"; taken_ports+=" $PG_PORT"
PGB_S_PORT="$(free_port $taken_ports)"; taken_ports+=" $PGB_S_PORT"
PGB_T_PORT="$(free_port $taken_ports)"; taken_ports+=" $PGB_T_PORT"
HTTP_PORT="$(free_port $taken_ports)"; taken_ports+=" $HTTP_PORT"
EMB_PORT="$(free_port $taken_ports)"; taken_ports+=" $EMB_PORT"
PROXY_PORT="$(free_port $taken_ports)"; taken_ports+=" $PROXY_PORT"
# The second Tollgate (target tollgate_noinsights): its own HTTP, embedded PostgreSQL and proxy ports.
HTTP2_PORT="$(free_port $taken_ports)"; taken_ports+=" $HTTP2_PORT"
EMB2_PORT="$(free_port $taken_ports)"; taken_ports+=" $EMB2_PORT"
PROXY2_PORT="$(free_port $taken_ports)"; taken_ports+=" $PROXY2_PORT"
BASE="http://127.0.0.1:$HTTP_PORT"

# --- work dir and cleanup -------------------------------------------------------------------------------------------
work="${WORK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/tollgate-proxy-bench.XXXXXX")}"
mkdir -p "$work"
chmod 755 "$work"
mkdir -p "$work/pg" "$work/pgsock" "$work/pgb" "$work/runs"
chown "$RUN_AS": "$work/pg" "$work/pgsock" "$work/pgb"
chmod 700 "$work/pg"
PGDATA_DIR="$work/pg/data"
app_pid=""; app2_pid=""; started_pid=""; pgb_s_pid=""; pgb_t_pid=""; idle_pid=""; pg_started=0

stop_pid() { # pid name [seconds]
  local pid="$1" name="$2" limit="${3:-30}" waited=0
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (SIGTERM to pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt $((limit * 5)) ]; do sleep 0.2; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within $limit s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
stop_pg() {
  if [ "$pg_started" = 1 ]; then
    log "stopping PostgreSQL"
    as_user "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null 2>&1 || {
      local pm; pm="$(head -n 1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
      [ -z "$pm" ] || kill -QUIT "$pm" 2>/dev/null || true
    }
    pg_started=0
  fi
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$idle_pid" "idle clients" 10
  stop_pid "$app_pid" Tollgate 60
  stop_pid "$app2_pid" "Tollgate (insights off)" 60
  stop_pid "$started_pid" "Tollgate (still starting)" 60 # one that failed during its start
  stop_pid "$pgb_s_pid" "PgBouncer (session)"
  stop_pid "$pgb_t_pid" "PgBouncer (transaction)"
  stop_pg
  if [ $rc -ne 0 ]; then
    for f in "$work/tollgate.log" "$work/pg/postgres.log" "$work/pgb/session.log" "$work/pgb/transaction.log"; do
      if [ -s "$f" ]; then log "last lines of ${f#"$work"/}:"; tail -n 15 "$f" >&2 || true; fi
    done
  fi
  if [ "$KEEP_WORKDIR" = "1" ]; then log "kept $work"; else rm -rf "$work"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PostgreSQL -----------------------------------------------------------------------------------------------------
log "initialising PostgreSQL 15 in $PGDATA_DIR (port $PG_PORT, max_connections=$PG_MAX_CONNECTIONS)"
as_user "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 >"$work/initdb.log" 2>&1 \
  || as_user "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C \
       --auth-local=trust --auth-host=scram-sha-256 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; die "initdb failed"; }
PG_SETTINGS="listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$work/pgsock'
max_connections = $PG_MAX_CONNECTIONS
password_encryption = 'scram-sha-256'
shared_buffers = 256MB
synchronous_commit = off"
printf '\n# bench/proxy/run.sh\n%s\n' "$PG_SETTINGS" >>"$PGDATA_DIR/postgresql.conf"
cat >"$PGDATA_DIR/pg_hba.conf" <<EOF
local all postgres                trust
host  all all      127.0.0.1/32   scram-sha-256
EOF
as_user "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$work/pg/postgres.log" -w -t 60 start >/dev/null || die "PostgreSQL did not start"
pg_started=1
PG_PM_PID="$(head -n 1 "$PGDATA_DIR/postmaster.pid")"
su_psql() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$work/pgsock" -p "$PG_PORT" -U postgres "$@"; }
su_psql -d postgres -c "CREATE ROLE bench LOGIN PASSWORD '$BENCH_PW'" -c "CREATE DATABASE bench OWNER bench" >/dev/null

export PGPASSWORD="$BENCH_PW" PGSSLMODE=disable PGCONNECT_TIMEOUT=15
log "pgbench -i -s $SCALE (as role bench)"
"$PGBENCH" -i -s "$SCALE" -h 127.0.0.1 -p "$PG_PORT" -U bench bench >"$work/pgbench-init.log" 2>&1 \
  || { cat "$work/pgbench-init.log" >&2; die "pgbench -i failed"; }
su_psql -d bench -c "CHECKPOINT" >/dev/null

bench_backends() {
  su_psql -d postgres -Atc "SELECT count(*) FROM pg_stat_activity WHERE usename = 'bench'" 2>/dev/null || echo 999
}

# --- PgBouncer ------------------------------------------------------------------------------------------------------
printf '"bench" "%s"\n' "$BENCH_PW" >"$work/pgb/userlist.txt"
write_pgb_ini() { # mode port
  cat <<EOF
[databases]
bench = host=127.0.0.1 port=$PG_PORT dbname=bench

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $2
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $work/pgb/userlist.txt
admin_users = bench
pool_mode = $1
default_pool_size = $POOL_SIZE
min_pool_size = 1
reserve_pool_size = 0
max_client_conn = 2000
max_db_connections = 0
logfile = $work/pgb/$1.log
pidfile = $work/pgb/$1.pid
log_connections = 0
log_disconnections = 0
EOF
}
write_pgb_ini session "$PGB_S_PORT" >"$work/pgb/session.ini"
write_pgb_ini transaction "$PGB_T_PORT" >"$work/pgb/transaction.ini"
chown "$RUN_AS": "$work/pgb"/*
chmod 600 "$work/pgb/userlist.txt"

wait_port() { # port name pid
  local waited=0
  until port_in_use "$1"; do
    kill -0 "$3" 2>/dev/null || die "$2 exited during startup"
    [ $waited -lt 300 ] || die "$2 did not listen on $1 within 30 s"
    sleep 0.1; waited=$((waited + 1))
  done
}
log "starting PgBouncer $("$PGBOUNCER" --version 2>/dev/null | head -n 1 | awk '{print $2}') in session mode (port $PGB_S_PORT) and in transaction mode (port $PGB_T_PORT), pool_size=$POOL_SIZE"
# setpriv execs PgBouncer in place, so $! is PgBouncer's own pid (checked against its pidfile below)
setpriv --reuid="$RUN_AS" --regid="$(id -g "$RUN_AS")" --init-groups "$PGBOUNCER" "$work/pgb/session.ini" \
  >>"$work/pgb/session.stdout" 2>&1 &
pgb_s_pid=$!
setpriv --reuid="$RUN_AS" --regid="$(id -g "$RUN_AS")" --init-groups "$PGBOUNCER" "$work/pgb/transaction.ini" \
  >>"$work/pgb/transaction.stdout" 2>&1 &
pgb_t_pid=$!
wait_port "$PGB_S_PORT" "PgBouncer (session)" "$pgb_s_pid"
wait_port "$PGB_T_PORT" "PgBouncer (transaction)" "$pgb_t_pid"
for f in session:"$pgb_s_pid" transaction:"$pgb_t_pid"; do
  pidfile_pid="$(cat "$work/pgb/${f%%:*}.pid" 2>/dev/null || true)"
  [ -z "$pidfile_pid" ] || [ "$pidfile_pid" = "${f#*:}" ] \
    || log "WARNING: PgBouncer ${f%%:*} pidfile says $pidfile_pid, started pid ${f#*:}"
done

pgb_admin() { # port command
  "$PSQL" -X -q -h 127.0.0.1 -p "$1" -U bench -d pgbouncer -c "$2" >/dev/null 2>&1 || true
}

# --- Tollgate -------------------------------------------------------------------------------------------------------
# A short server idle timeout is Tollgate's counterpart of the RECONNECT sent to PgBouncer between runs: the pool
# shrinks back to min_pool_size, so every target starts from the same free PostgreSQL slots.
TOLLGATE_BASE_OPTS="-Dtollgate.proxy.default-max-connections=$TOLLGATE_MAX_CONNECTIONS -Dtollgate.proxy.server-idle-timeout=2s"
startups() { local n; n="$(grep -c "Startup completed" "$1" 2>/dev/null || true)"; echo "${n:-0}"; } # log file
# One Tollgate: label, data directory and log name under $work, HTTP, embedded PostgreSQL and proxy ports, extra JVM
# options; sets started_pid. A restart (same directory and ports) appends to the same log: it waits for one more
# startup line.
start_tollgate_at() {
  local label="$1" name="$2" http="$3" emb="$4" proxy="$5" opts="$6" waited=0 before
  before="$(startups "$work/$name.log")"
  log "starting $label (HTTP $http, proxy $proxy, embedded control-plane PostgreSQL $emb)${opts:+ with $opts}"
  # shellcheck disable=SC2086 # the options are lists of options
  TOLLGATE_DATA_DIR="$work/$name" TOLLGATE_HTTP_PORT="$http" TOLLGATE_EMBEDDED_DB_PORT="$emb" \
    TOLLGATE_PROXY_PORT="$proxy" TOLLGATE_ADMIN_API_KEY="$API_KEY" TOLLGATE_TIERS_INITIAL=enterprise \
    TOLLGATE_PROXY_ALLOWED_UPSTREAMS=127.0.0.1/32 \
    TOLLGATE_INTERNAL_SECRET="$BENCH_INTERNAL_SECRET" java $TOLLGATE_BASE_OPTS $opts -jar "$JAR" >>"$work/$name.log" 2>&1 &
  started_pid=$!
  until [ "$(startups "$work/$name.log")" -gt "$before" ]; do
    kill -0 "$started_pid" 2>/dev/null || die "$label exited during startup"
    [ $waited -lt 240 ] || die "$label did not log 'Startup completed' within 240 s"
    sleep 1; waited=$((waited + 1))
  done
  wait_port "$proxy" "$label proxy" "$started_pid"
  log "$label is up after ~${waited} s (pid $started_pid)"
}
start_tollgate() { # extra JVM options; sets app_pid
  start_tollgate_at Tollgate tollgate "$HTTP_PORT" "$EMB_PORT" "$PROXY_PORT" "$1"
  app_pid="$started_pid"
}
start_tollgate "$JAVA_OPTS"

# The same build again, insights off (target tollgate_noinsights): the reference for what insights cost.
start_tollgate2() {
  start_tollgate_at "Tollgate (insights off)" tollgate-b "$HTTP2_PORT" "$EMB2_PORT" "$PROXY2_PORT" \
    "${JAVA_OPTS:+$JAVA_OPTS }-Dtollgate.proxy.insights.enabled=false"
  app2_pid="$started_pid"
}
if [[ " $TARGETS " == *" tollgate_noinsights "* ]]; then start_tollgate2; fi

project_json() { # name pool_mode
  cat <<EOF
{"name":"$1","org_id":"demo","database":{"host":"127.0.0.1","port":$PG_PORT,"name":"bench","username":"bench","password":"$BENCH_PW","ssl_mode":"disable","pool_config":{"pool_size":$POOL_SIZE,"min_pool_size":1,"pool_mode":"$2"}}}
EOF
}
register_project() { # name pool_mode [base URL] -> project id on stdout
  local status id
  status="$(curl -sS -o "$work/project-$1.json" -w '%{http_code}' -X POST "${3:-$BASE}/v1/projects" \
    -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d "$(project_json "$1" "$2")")"
  case "$status" in 200 | 201) ;; *) die "POST /v1/projects answered $status: $(cat "$work/project-$1.json")" ;; esac
  id="$(grep -o '"id" *: *"prj_[^"]*"' "$work/project-$1.json" | head -n 1 | sed 's/.*"\(prj_[^"]*\)"/\1/')"
  [ -n "$id" ] || die "no project id in $(cat "$work/project-$1.json")"
  log "registered project $1 = $id (pool_mode $2, pool_size $POOL_SIZE)"
  echo "$id"
}
project_body="$(project_json bench "$TOLLGATE_POOL_MODE")"
PROJECT_ID="$(register_project bench "$TOLLGATE_POOL_MODE")"
PROJECT2_ID=""
if [ -n "$app2_pid" ]; then PROJECT2_ID="$(register_project bench "$TOLLGATE_POOL_MODE" "http://127.0.0.1:$HTTP2_PORT")"; fi

# --- targets --------------------------------------------------------------------------------------------------------
declare -A T_PORT T_USER T_PID T_LABEL
T_PORT[direct]="$PG_PORT";       T_USER[direct]=bench;                  T_PID[direct]=""
T_PORT[pgb_session]="$PGB_S_PORT"; T_USER[pgb_session]=bench;           T_PID[pgb_session]="$pgb_s_pid"
T_PORT[pgb_txn]="$PGB_T_PORT";   T_USER[pgb_txn]=bench;                 T_PID[pgb_txn]="$pgb_t_pid"
T_PORT[tollgate]="$PROXY_PORT";  T_USER[tollgate]="bench.$PROJECT_ID";  T_PID[tollgate]="$app_pid"
T_LABEL[direct]="PostgreSQL direct"
T_LABEL[pgb_session]="PgBouncer session"
T_LABEL[pgb_txn]="PgBouncer transaction"
T_LABEL[tollgate]="Tollgate ($TOLLGATE_POOL_MODE)"
T_PORT[tollgate_limits]="$PROXY_PORT"; T_USER[tollgate_limits]="bench.$PROJECT_ID"; T_PID[tollgate_limits]="$app_pid"
T_LABEL[tollgate_limits]="Tollgate, limits on"
T_PORT[tollgate_noinsights]="$PROXY2_PORT"; T_USER[tollgate_noinsights]="bench.$PROJECT2_ID"; T_PID[tollgate_noinsights]="$app2_pid"
T_LABEL[tollgate_noinsights]="Tollgate, insights off"
read -r -a targets <<<"$TARGETS"
for t in "${targets[@]}"; do [ -n "${T_PORT[$t]:-}" ] || die "unknown target '$t' (direct pgb_session pgb_txn tollgate tollgate_limits tollgate_noinsights)"; done

# Tier limits for the demo organization, through the operator's PgBeam route; in force for the next query.
set_limits() { # on | off [base URL]
  local body status
  if [ "$1" = on ]; then
    body='{"org_id":"demo","billing_provider":"manual","queries_per_second":1000000000,"queries_per_day":1000000000000000}'
  else
    body='{"org_id":"demo","billing_provider":"manual","queries_per_second":0,"queries_per_day":0}'
  fi
  status="$(curl -sS -o "$work/limits.json" -w '%{http_code}' -X POST "${2:-$BASE}/v1/internal/enterprise-plan" \
    -H "X-Internal-Secret: $BENCH_INTERNAL_SECRET" -H 'Content-Type: application/json' -d "$body")"
  [ "$status" = 200 ] || die "setting limits $1 answered $status: $(cat "$work/limits.json")"
}
limits_for() { # target: the limits a run against it needs
  case "$1" in
    tollgate) set_limits off ;;
    tollgate_limits) set_limits on ;;
    tollgate_noinsights) set_limits off "http://127.0.0.1:$HTTP2_PORT" ;;
  esac
}
read -r -a modes <<<"$MODES"
for m in "${modes[@]}"; do case "$m" in simple | extended | prepared) ;; *) die "unknown mode '$m'" ;; esac; done

# PgBouncer 1.18 does not keep prepared statements across transactions: -M prepared is meaningless there.
skip() { [ "$1" = pgb_txn ] && [ "$2" = prepared ]; }
jobs_for() { if [ "$1" -lt "$THREADS" ]; then echo "$1"; else echo "$THREADS"; fi; }
pgbench_args() { # target clients mode seconds
  echo "-h 127.0.0.1 -p ${T_PORT[$1]} -U ${T_USER[$1]} $(if [ -n "${SCRIPT:-}" ]; then echo "-f $SCRIPT"; else echo -S; fi) -T $4 -c $2 -j $(jobs_for "$2") -n -M $3 bench"
}

# Whole-process CPU ticks: "utime stime" of one pid; for PostgreSQL the postmaster, its reaped children and its
# live children.
proc_ticks() {
  local s
  s="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo "0 0"; return; }
  s="${s##*) }"
  # shellcheck disable=SC2086
  set -- $s
  echo "${12} ${13}"
}
pg_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$PG_PM_PID" '{
      pid = $1; line = $0; sub(/^.*\) /, "", line); split(line, f, " ")
      if (pid == pm) t += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) t += f[12] + f[13]
    } END { print t + 0 }'
}
machine_ticks() { awk '/^cpu / { b = $2 + $3 + $4 + $7 + $8 + $9; print b, b + $5 + $6; exit }' /proc/stat; }
to_s() { awk -v v="$1" 'BEGIN { split(v, a, "m"); sub(/s$/, "", a[2]); printf "%.3f", a[1] * 60 + a[2] }'; }

# Waits until the proxies' server connections are back to their idle minimum, so that the next target finds the
# same free PostgreSQL connection slots.
drain() {
  local waited=0 n
  while :; do
    n="$(bench_backends)"
    [ "$n" -le 4 ] && return 0
    if [ $waited -eq 0 ] || [ $((waited % 10)) -eq 0 ]; then
      pgb_admin "$PGB_S_PORT" RECONNECT; pgb_admin "$PGB_T_PORT" RECONNECT
    fi
    [ $waited -lt 300 ] || { log "WARNING: still $n bench backends after 30 s"; return 0; }
    sleep 0.1; waited=$((waited + 1))
  done
}

# One pgbench run in a subshell; its children's CPU time (pgbench itself) comes from `times`.
run_pgbench() { # outfile target clients mode seconds
  local out="$1"; shift
  # shellcheck disable=SC2046
  ( set +e
    timeout --signal=INT $(( $4 + 120 )) "$PGBENCH" $(pgbench_args "$@") >"$out" 2>&1
    echo $? >"$out.rc"
    times >"$out.times" )
}

RESULTS_TSV="$work/results.tsv"
printf 'round\ttarget\tclients\tmode\trc\ttps\ttxns\tfailed\taborted\tlat_ms\tconn_ms\tproxy_ut\tproxy_st\tpg_ticks\tpgbench_s\tbusy_ticks\ttotal_ticks\twall_s\n' >"$RESULTS_TSV"

measure() { # round target clients mode
  local round="$1" t="$2" c="$3" m="$4" out b_p a_p b_pg a_pg b_m a_m t0 t1
  out="$work/runs/r$round-$t-c$c-$m.txt"
  limits_for "$t"
  if [ "$warm_s" -gt 0 ]; then run_pgbench "$out.warm" "$t" "$c" "$m" "$warm_s"; fi
  b_p="$(proc_ticks "${T_PID[$t]:-0}")"; b_pg="$(pg_ticks)"; b_m="$(machine_ticks)"; t0="$(date +%s.%N)"
  run_pgbench "$out" "$t" "$c" "$m" "$dur_s"
  t1="$(date +%s.%N)"; a_p="$(proc_ticks "${T_PID[$t]:-0}")"; a_pg="$(pg_ticks)"; a_m="$(machine_ticks)"
  local rc tps txns failed aborted lat conn pgb_cpu
  rc="$(cat "$out.rc")"
  tps="$(awk '/^tps = / { printf "%.1f", $3; exit }' "$out")"
  txns="$(awk -F': *' '/^number of transactions actually processed/ { split($2, a, "/"); print a[1] + 0; exit }' "$out")"
  failed="$(awk -F': *' '/^number of failed transactions/ { print $2 + 0; exit }' "$out")"
  aborted="$(grep -c 'aborted in command\|aborted while establishing\|connection to server .* failed' "$out" || true)"
  lat="$(awk '/^latency average = / { print $4; exit }' "$out")"
  conn="$(awk '/^initial connection time = / { print $5; exit }' "$out")"
  pgb_cpu="$(sed -n 2p "$out.times" | awk '{ print $1, $2 }')"
  pgb_cpu="$(awk -v u="$(to_s "${pgb_cpu% *}")" -v s="$(to_s "${pgb_cpu#* }")" 'BEGIN { printf "%.3f", u + s }')"
  read -r bu bs <<<"$b_p"; read -r au as <<<"$a_p"
  read -r bb bt <<<"$b_m"; read -r ab at <<<"$a_m"
  if [ -z "${T_PID[$t]:-}" ]; then au=0; as=0; bu=0; bs=0; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$round" "$t" "$c" "$m" "$rc" "${tps:-0}" "${txns:-0}" "${failed:-0}" "${aborted:-0}" "${lat:-NaN}" "${conn:-NaN}" \
    $((au - bu)) $((as - bs)) $((a_pg - b_pg)) "$pgb_cpu" $((ab - bb)) $((at - bt)) \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" >>"$RESULTS_TSV"
  local note=""
  [ "$rc" = 0 ] || note=" exit=$rc"
  [ "${failed:-0}" = 0 ] || note+=" failed=$failed"
  [ "${aborted:-0}" = 0 ] || note+=" aborted=$aborted"
  log "$(printf 'round %s  %-22s c=%-4s %-9s tps=%-9s lat=%-7s proxy cpu=%s ticks%s' "$round" "${T_LABEL[$t]}" "$c" "$m" \
    "${tps:-?}" "${lat:-?}" $(( (au - bu) + (as - bs) )) "$note")"
  [ "$rc" = 0 ] || { log "pgbench output:"; tail -n 5 "$out" | sed 's/^/    /' >&2; }
  local d0 d1; d0="$(date +%s.%N)"
  drain
  d1="$(date +%s.%N)"
  awk -v a="$d0" -v b="$d1" 'BEGIN { exit !(b - a > 1) }' && log "  (waited $(awk -v a="$d0" -v b="$d1" 'BEGIN { printf "%.1f", b - a }') s for the server connections to close)"
  return 0
}

# --- measure --------------------------------------------------------------------------------------------------------
runs=0
for c in $CLIENTS; do for m in "${modes[@]}"; do for t in "${targets[@]}"; do
  skip "$t" "$m" || runs=$((runs + 1))
done; done; done
per_run=$((dur_s + warm_s + 1))
warm_runs=0
for m in "${modes[@]}"; do for t in "${targets[@]}"; do skip "$t" "$m" || warm_runs=$((warm_runs + 1)); done; done
est=$(( runs * ROUNDS * per_run + warm_runs * (init_warm_s + 2) + (PROFILE == 1 ? PROFILE_SECONDS * 2 + 20 : 0)
        + (IDLE_CLIENTS > 0 ? 40 + IDLE_CLIENTS / 200 : 0) ))
log "$((runs * ROUNDS)) measured runs ($ROUNDS rounds x $runs), ${dur_s} s each (+${warm_s} s warm-up): about $((est / 60)) min"
started_at="$(date +%s)"

if [ "$init_warm_s" -gt 0 ]; then
  wc="$PROFILE_CLIENTS"; [ "$wc" -le "$max_c" ] || wc="$max_c"
  log "initial warm-up: ${init_warm_s} s per target and mode at c=$wc"
  for m in "${modes[@]}"; do for t in "${targets[@]}"; do
    skip "$t" "$m" && continue
    limits_for "$t"
    run_pgbench "$work/runs/initial-warmup-$t-$m.txt" "$t" "$wc" "$m" "$init_warm_s"
    [ "$(cat "$work/runs/initial-warmup-$t-$m.txt.rc")" = 0 ] \
      || { tail -n 5 "$work/runs/initial-warmup-$t-$m.txt" >&2; die "warm-up against ${T_LABEL[$t]} ($m) failed"; }
    drain
  done; done
fi

for ((round = 1; round <= ROUNDS; round++)); do
  for c in $CLIENTS; do
    for m in "${modes[@]}"; do
      # rotate the order of the targets from round to round so that no target always runs first
      n=${#targets[@]}
      for ((i = 0; i < n; i++)); do
        t="${targets[$(( (i + round - 1) % n ))]}"
        skip "$t" "$m" && continue
        measure "$round" "$t" "$c" "$m"
      done
    done
  done
done
measure_minutes="$(awk -v s="$(( $(date +%s) - started_at ))" 'BEGIN { printf "%.1f", s / 60 }')"
log "measurements took $measure_minutes min"

# RSS of the proxies after the runs (peak = VmHWM).
rss_of() { awk '/^VmRSS/ { r = $2 } /^VmHWM/ { h = $2 } END { printf "%.0f MB (peak %.0f MB)", r / 1024, h / 1024 }' "/proc/$1/status" 2>/dev/null || echo "n/a"; }
rss_tollgate="$(rss_of "$app_pid")"
rss_pgb_s="$(rss_of "$pgb_s_pid")"
rss_pgb_t="$(rss_of "$pgb_t_pid")"

# --- profile --------------------------------------------------------------------------------------------------------
profile_md=""
if [ "$PROFILE" = "1" ] && [[ " ${targets[*]} " == *" tollgate "* ]]; then
  pc="$PROFILE_CLIENTS"
  log "profiling Tollgate: pgbench -c $pc -M $PROFILE_MODE for ${PROFILE_SECONDS} s with JFR and per-thread CPU"
  thread_ticks() { # pid -> lines "tid ticks_user ticks_sys"
    local f s
    for f in /proc/"$1"/task/*/stat; do
      s="$(cat "$f" 2>/dev/null)" || continue
      local tid="${s%% *}"; s="${s##*) }"
      # shellcheck disable=SC2086
      set -- $s
      echo "$tid ${12} ${13}"
    done
  }
  # pgbench runs 4 s longer than the window: the window starts once every client is connected (logins are not
  # steady state) and the JFR recording has started, and ends before pgbench stops.
  ( set +e; timeout $((PROFILE_SECONDS + 90)) "$PGBENCH" $(pgbench_args tollgate "$pc" "$PROFILE_MODE" $((PROFILE_SECONDS + 4))) \
      >"$work/profile-pgbench.txt" 2>&1 ) &
  prof_bench=$!
  sleep 2
  jcmd "$app_pid" JFR.start name=proxybench settings=profile >/dev/null 2>&1 || true
  thread_ticks "$app_pid" >"$work/threads.before"
  sleep $(( PROFILE_SECONDS / 2 ))
  jcmd "$app_pid" Thread.print >"$work/threads.dump" 2>/dev/null || true
  sleep $(( PROFILE_SECONDS - PROFILE_SECONDS / 2 ))
  thread_ticks "$app_pid" >"$work/threads.after"
  jcmd "$app_pid" JFR.stop name=proxybench filename="$work/profile.jfr" >/dev/null 2>&1 || true
  wait "$prof_bench" || true
  drain
  # tid -> Java thread name (from nid=0x... in the dump); threads are grouped by name with trailing numbers as '*'
  awk '/ nid=0x/ { if (match($0, /^"[^"]*"/)) { name = substr($0, 2, RLENGTH - 2)
         if (match($0, /nid=0x[0-9a-f]+/)) print strtonum_hex(substr($0, RSTART + 6, RLENGTH - 6)), name } }
       function strtonum_hex(h,   i, d, v) { v = 0; h = tolower(h)
         for (i = 1; i <= length(h); i++) { d = index("0123456789abcdef", substr(h, i, 1)) - 1; v = v * 16 + d }
         return v }' "$work/threads.dump" >"$work/threads.names" 2>/dev/null || true
  thread_table="$(awk -v hz="$CLK_TCK" -v secs="$PROFILE_SECONDS" '
      FILENAME == ARGV[1] { n = $1; $1 = ""; sub(/^ /, ""); name[n] = $0; next }
      FILENAME == ARGV[2] { bu[$1] = $2; bs[$1] = $3; next }
      { du = $2 - bu[$1]; ds = $3 - bs[$1]; if (du + ds <= 0) next
        g = ($1 in name) ? name[$1] : "(threads gone before the dump)"; gsub(/-[0-9]+/, "-*", g); gsub(/#[0-9]+$/, "#*", g); gsub(/Thread[0-9]+$/, "Thread*", g)
        u[g] += du; s[g] += ds; tu += du; ts += ds }
      END { for (g in u) printf "%s\t%d\t%d\n", g, u[g], s[g]
            printf "TOTAL\t%d\t%d\n", tu, ts }' "$work/threads.names" "$work/threads.before" "$work/threads.after" \
      | sort -t$'\t' -k2,2nr -k3,3nr | awk -F'\t' -v hz="$CLK_TCK" -v secs="$PROFILE_SECONDS" '
      BEGIN { print "| Thread group | user ms | sys ms | share of the JVM | cores busy |"; print "|---|---:|---:|---:|---:|" }
      $1 == "TOTAL" { tot_u = $2; tot_s = $3; next }
      { rows[++n] = $0 }
      END { tot = tot_u + tot_s
            for (i = 1; i <= n && i <= 12; i++) { split(rows[i], f, "\t")
              printf "| `%s` | %.0f | %.0f | %.0f %% | %.2f |\n", f[1], f[2] * 1000 / hz, f[3] * 1000 / hz, (f[2] + f[3]) * 100 / (tot > 0 ? tot : 1), (f[2] + f[3]) / hz / secs }
            printf "| **all threads** | %.0f | %.0f | 100 %% | %.2f |\n", tot_u * 1000 / hz, tot_s * 1000 / hz, tot / hz / secs }')"
  prof_tps="$(awk '/^tps = / { printf "%.0f", $3; exit }' "$work/profile-pgbench.txt")"
  prof_conn="$(awk '/^initial connection time = / { printf "%.0f", $5; exit }' "$work/profile-pgbench.txt")"
  prof_err="$(grep -m 3 'error' "$work/profile-pgbench.txt" | sed 's/^/    /' || true)"
  jfr_table=""
  if [ -s "$work/profile.jfr" ] && command -v jfr >/dev/null 2>&1; then
    jfr print --events jdk.ExecutionSample --stack-depth 64 "$work/profile.jfr" >"$work/profile.txt" 2>/dev/null || true
    # Self (top frame) and inclusive counts over the samples of the proxy's event-loop threads.
    jfr_table="$(awk '
        /^jdk.ExecutionSample/ { inev = 1; depth = 0; keep = 0; delete seen; next }
        inev && /sampledThread = / { keep = ($0 ~ /"pgwire-loop-/) ; next }
        inev && /stackTrace = \[/ { instack = 1; next }
        instack && /^[[:space:]]*\]/ { instack = 0; if (keep) total++; next }
        instack && keep { fr = $0; sub(/^[[:space:]]+/, "", fr); sub(/[[:space:]]+line:.*$/, "", fr); sub(/\(.*$/, "", fr)
          if (fr == "...") next
          depth++; if (depth == 1) self[fr]++
          if (!(fr in seen)) { seen[fr] = 1; incl[fr]++ } }
        END { for (f in self) printf "S\t%d\t%s\n", self[f], f
              for (f in incl) printf "I\t%d\t%s\n", incl[f], f
              printf "T\t%d\t-\n", total }' "$work/profile.txt" | sort -t$'\t' -k1,1 -k2,2nr | awk -F'\t' '
        $1 == "T" { total = $2; next }
        $1 == "S" && ns < 15 { s[++ns] = $0 }
        $1 == "I" && ni < 25 && ($3 ~ /^dev\.tollgate|^io\.micrometer|^io\.netty\.(channel|buffer|handler)\.[A-Za-z]*\.?[A-Z]/) { i[++ni] = $0 }
        END { if (total == 0) { print "(no execution samples on the proxy event-loop threads)"; exit }
              print "Top frames (self) on the proxy event-loop threads, " total " samples:"; print ""
              print "| Samples | Share | Method |"; print "|---:|---:|---|"
              for (k = 1; k <= ns; k++) { split(s[k], f, "\t"); printf "| %d | %.1f %% | `%s` |\n", f[2], f[2] * 100 / total, f[3] }
              print ""; print "Inclusive (method anywhere on the stack), Tollgate / Micrometer / Netty methods:"; print ""
              print "| Samples | Share | Method |"; print "|---:|---:|---|"
              for (k = 1; k <= ni; k++) { split(i[k], f, "\t"); printf "| %d | %.1f %% | `%s` |\n", f[2], f[2] * 100 / total, f[3] } }')"
  fi
  profile_md="$(cat <<EOF
Profile run (not part of the table): \`pgbench -S -c $pc -j $(jobs_for "$pc") -M $PROFILE_MODE -T $((PROFILE_SECONDS + 4))\` through
Tollgate, with a ${PROFILE_SECONDS} s window from 2 s after its start (JFR \`settings=profile\` recording): ${prof_tps:-?} TPS, initial connection time ${prof_conn:-?} ms.${prof_err:+ pgbench reported:

\`\`\`
$prof_err
\`\`\`
}
CPU time of the JVM's threads during the window, from
\`/proc/<pid>/task/*/stat\` (threads grouped by name, digits shown as \`*\`; the proxy's event loops are
\`pgwire-loop-*-*\`, Micronaut's HTTP loops \`default-nioEventLoopGroup-*\`):

$thread_table

${jfr_table:-(JFR was not available)}

JFR's execution samples only see threads running Java code; time inside socket reads, writes and \`epoll_wait\` is
the \`sys\` column above.
EOF
)"
fi

# --- idle clients ---------------------------------------------------------------------------------------------------
# The issue's memory target: 10,000 idle client connections held by Tollgate with RSS <= 256 MB. Tollgate is
# restarted for it (same data dir and ports) with IDLE_JAVA_OPTS (a capped heap by default), so the figures are
# those of a JVM that has only done this, not of one grown by the throughput runs. Idle clients only hold a server
# connection in session pooling, so the clients log in to a project in transaction mode: the benchmark's own project
# when TOLLGATE_POOL_MODE=transaction, else a second one registered for this phase.
kb_of() { awk -v k="$2:" '$1 == k { print $2; exit }' "/proc/$1/status" 2>/dev/null || true; } # pid VmRSS|VmHWM|Threads
mb() { awk -v v="$1" 'BEGIN { if (v == "") print "—"; else printf "%.0f", v / 1024 }'; }
idle_state="skipped"   # skipped | failed | measured
idle_note="IDLE_CLIENTS=0"
if [ "$IDLE_CLIENTS" -gt 0 ]; then
  idle_note=""
  log "idle clients: stopping both PgBouncers (so that every bench backend left is Tollgate's) and restarting Tollgate"
  stop_pid "$pgb_s_pid" "PgBouncer (session)"; pgb_s_pid=""
  stop_pid "$pgb_t_pid" "PgBouncer (transaction)"; pgb_t_pid=""
  stop_pid "$app2_pid" "Tollgate (insights off)" 60; app2_pid=""
  stop_pid "$app_pid" Tollgate 60; app_pid=""
  idle_opts="${JAVA_OPTS:+$JAVA_OPTS }$IDLE_JAVA_OPTS"
  start_tollgate "$idle_opts"
  if [ "$TOLLGATE_POOL_MODE" = transaction ]; then
    idle_project="$PROJECT_ID"; idle_project_note="the benchmark's project (pool_mode transaction)"
  else
    idle_project="$(register_project bench-idle transaction)"
    idle_project_note="a second project \`bench-idle\` registered in pool_mode transaction (the benchmark's own is in $TOLLGATE_POOL_MODE mode, where every idle client would keep a PostgreSQL backend)"
  fi
  sleep 3
  idle_rss_before="$(kb_of "$app_pid" VmRSS)"; idle_threads_before="$(kb_of "$app_pid" Threads)"
  idle_backends_before="$(bench_backends)"
  log "idle clients: Tollgate RSS $(mb "$idle_rss_before") MB, $idle_threads_before threads, $idle_backends_before bench backends; opening $IDLE_CLIENTS client connections (IdleClients.java, 8 threads)"

  # The client holds its connections until it reads a line or EOF on stdin: a FIFO that this shell keeps open
  # (read-write, so opening it does not block) on fd 7; the client itself must not inherit fd 7, or it would never
  # see EOF if this shell died.
  mkfifo "$work/idle.fifo"
  exec 7<>"$work/idle.fifo"
  java "$root/bench/proxy/IdleClients.java" 127.0.0.1 "$PROXY_PORT" "bench.$idle_project" "$BENCH_PW" bench "$IDLE_CLIENTS" \
    <"$work/idle.fifo" >"$work/idle-clients.log" 2>&1 7>&- &
  idle_pid=$!
  waited=0; idle_backends_max="$idle_backends_before"; last_progress=""
  while ! grep -q '^OPEN ' "$work/idle-clients.log" 2>/dev/null; do
    if ! kill -0 "$idle_pid" 2>/dev/null; then idle_state=failed; break; fi
    if [ $waited -ge "$IDLE_OPEN_TIMEOUT" ]; then idle_state=failed; idle_note="not all open after $IDLE_OPEN_TIMEOUT s"; break; fi
    n="$(bench_backends)"; [ "$n" -le "$idle_backends_max" ] || idle_backends_max="$n"
    progress="$(grep '^opened ' "$work/idle-clients.log" 2>/dev/null | tail -n 1 || true)"
    if [ -n "$progress" ] && [ "$progress" != "$last_progress" ]; then log "  $progress"; last_progress="$progress"; fi
    sleep 1; waited=$((waited + 1))
  done
  if [ "$idle_state" != failed ]; then
    read -r _ idle_open_count idle_open_s < <(grep -m 1 '^OPEN ' "$work/idle-clients.log")
    log "idle clients: $idle_open_count open after $idle_open_s s; probing 100 of them with SELECT 1"
    waited=0
    until grep -q '^ALIVE ' "$work/idle-clients.log" || [ $waited -ge 120 ] || ! kill -0 "$idle_pid" 2>/dev/null; do
      sleep 1; waited=$((waited + 1))
    done
    idle_alive="$(awk '/^ALIVE / { print $2; exit }' "$work/idle-clients.log")"
    idle_probes=$((IDLE_CLIENTS < 100 ? IDLE_CLIENTS : 100))
    # the probes borrowed server connections; the 2 s server idle timeout closes them again before the reading
    sleep 5
    idle_rss="$(kb_of "$app_pid" VmRSS)"; idle_hwm="$(kb_of "$app_pid" VmHWM)"; idle_threads="$(kb_of "$app_pid" Threads)"
    idle_fds="$(find "/proc/$app_pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
    idle_backends="$(bench_backends)"
    [ "$idle_backends" -le "$idle_backends_max" ] || idle_backends_max="$idle_backends"
    if kill -0 "$idle_pid" 2>/dev/null && [ "${idle_alive:-0}" = "$idle_probes" ]; then
      idle_state=measured
    else
      idle_state=failed; idle_note="only ${idle_alive:-0} of $idle_probes probed connections answered SELECT 1"
    fi
    log "idle clients: Tollgate RSS $(mb "$idle_rss") MB (peak $(mb "$idle_hwm") MB), $idle_threads threads, $idle_fds fds, $idle_backends bench backends (at most $idle_backends_max while opening)"
  fi
  if [ "$idle_state" = failed ] && [ -z "$idle_note" ]; then
    idle_note="$(grep -m 1 '^FAILED\|Exception\|error:' "$work/idle-clients.log" || tail -n 1 "$work/idle-clients.log")"
  fi
  [ "$idle_state" = measured ] || { log "idle clients failed: $idle_note"; tail -n 5 "$work/idle-clients.log" >&2 || true; }
  # release the clients (a line on the FIFO), give them a moment to say goodbye, then make sure they are gone
  echo release >&7 || true
  exec 7>&-
  waited=0
  while kill -0 "$idle_pid" 2>/dev/null && [ $waited -lt 150 ]; do sleep 0.2; waited=$((waited + 1)); done
  stop_pid "$idle_pid" "idle clients" 10; idle_pid=""
fi

# --- summarise ------------------------------------------------------------------------------------------------------
nonnan() { awk '$1 != "NaN" && $1 != ""'; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print ""; exit } if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() { # target clients mode expression -> one value per round
  awk -F'\t' -v t="$1" -v c="$2" -v m="$3" -v hz="$CLK_TCK" "NR > 1 && \$2 == t && \$3 == c && \$4 == m { print $4 }" "$RESULTS_TSV"
}
declare -A TPS LAT CPU CPUU PGCPU BENCHCPU BUSY FAIL RCS
for t in "${targets[@]}"; do for c in $CLIENTS; do for m in "${modes[@]}"; do
  skip "$t" "$m" && continue
  k="$t/$c/$m"
  TPS[$k]="$(col "$t" "$c" "$m" '$6' | median)"
  LAT[$k]="$(col "$t" "$c" "$m" '$10' | nonnan | median)"
  CPU[$k]="$(col "$t" "$c" "$m" '($7 > 0) ? ($12 + $13) * 1000 / hz / $7 * 1000 : "NaN"' | nonnan | median)"
  CPUU[$k]="$(col "$t" "$c" "$m" '($12 + $13 > 0) ? $12 * 100 / ($12 + $13) : "NaN"' | nonnan | median)"
  PGCPU[$k]="$(col "$t" "$c" "$m" '($7 > 0) ? $14 * 1000 / hz / $7 * 1000 : "NaN"' | nonnan | median)"
  BENCHCPU[$k]="$(col "$t" "$c" "$m" '($7 > 0) ? $15 * 1000 / $7 * 1000 : "NaN"' | nonnan | median)"
  BUSY[$k]="$(col "$t" "$c" "$m" '($17 > 0) ? $16 * 100 / $17 : "NaN"' | nonnan | median)"
  FAIL[$k]="$(col "$t" "$c" "$m" '$8 + $9' | awk '{ s += $1 } END { print s + 0 }')"
  RCS[$k]="$(col "$t" "$c" "$m" '$5' | awk '$1 != 0 { n++ } END { print n + 0 }')"
done; done; done

has() { [[ " ${targets[*]} " == *" $1 "* ]]; }
fmt_int() { awk -v v="$1" 'BEGIN { if (v == "") { print "—"; exit } v = sprintf("%.0f", v); s = ""
  while (length(v) > 3) { s = "," substr(v, length(v) - 2) s; v = substr(v, 1, length(v) - 3) } print v s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print ""; else printf "%.2f", a / b }'; }
fmt_ratio() { if [ -n "$1" ]; then echo "${1}×"; else echo "—"; fi; }
fmt1() { awk -v v="$1" 'BEGIN { if (v == "") print "—"; else printf "%.1f", v }'; }
fmt2() { awk -v v="$1" 'BEGIN { if (v == "") print "—"; else printf "%.2f", v }'; }

throughput_table="$(
  printf '| Clients | Mode |'
  for t in "${targets[@]}"; do printf ' %s |' "${T_LABEL[$t]}"; done
  has tollgate && has pgb_session && printf ' Tollgate ÷ PgB session |'
  has tollgate && has pgb_txn && printf ' Tollgate ÷ PgB transaction |'
  echo
  printf '|---:|---|'
  for t in "${targets[@]}"; do printf -- '---:|'; done
  has tollgate && has pgb_session && printf -- '---:|'
  has tollgate && has pgb_txn && printf -- '---:|'
  echo
  for c in $CLIENTS; do for m in "${modes[@]}"; do
    printf '| %s | %s |' "$c" "$m"
    d="${TPS[direct/$c/$m]:-}"
    for t in "${targets[@]}"; do
      if skip "$t" "$m"; then printf ' — |'; continue; fi
      v="${TPS[$t/$c/$m]:-}"
      if [ "$t" = direct ] || [ -z "$d" ]; then printf ' %s |' "$(fmt_int "$v")"
      else printf ' %s (%s) |' "$(fmt_int "$v")" "$(fmt_ratio "$(ratio "$v" "$d")")"; fi
    done
    has tollgate && has pgb_session && printf ' %s |' "$(fmt_ratio "$(ratio "${TPS[tollgate/$c/$m]:-}" "${TPS[pgb_session/$c/$m]:-}")")"
    if has tollgate && has pgb_txn; then
      if skip pgb_txn "$m"; then printf ' — |'; else printf ' %s |' "$(fmt_ratio "$(ratio "${TPS[tollgate/$c/$m]:-}" "${TPS[pgb_txn/$c/$m]:-}")")"; fi
    fi
    echo
  done; done
)"

proxies=()
for t in pgb_session pgb_txn tollgate tollgate_noinsights; do has "$t" && proxies+=("$t"); done
cpu_table="$(
  printf '| Clients | Mode |'
  for t in "${proxies[@]}"; do printf ' %s |' "${T_LABEL[$t]}"; done
  has tollgate && has pgb_session && printf ' Tollgate ÷ PgB session |'
  has tollgate && has pgb_txn && printf ' Tollgate ÷ PgB transaction |'
  has tollgate && printf ' Tollgate user share |'
  echo
  printf '|---:|---|'
  for t in "${proxies[@]}"; do printf -- '---:|'; done
  has tollgate && has pgb_session && printf -- '---:|'
  has tollgate && has pgb_txn && printf -- '---:|'
  has tollgate && printf -- '---:|'
  echo
  for c in $CLIENTS; do for m in "${modes[@]}"; do
    printf '| %s | %s |' "$c" "$m"
    for t in "${proxies[@]}"; do if skip "$t" "$m"; then printf ' — |'; else printf ' %s |' "$(fmt1 "${CPU[$t/$c/$m]:-}")"; fi; done
    has tollgate && has pgb_session && printf ' %s |' "$(fmt_ratio "$(ratio "${CPU[tollgate/$c/$m]:-}" "${CPU[pgb_session/$c/$m]:-}")")"
    if has tollgate && has pgb_txn; then
      if skip pgb_txn "$m"; then printf ' — |'; else printf ' %s |' "$(fmt_ratio "$(ratio "${CPU[tollgate/$c/$m]:-}" "${CPU[pgb_txn/$c/$m]:-}")")"; fi
    fi
    has tollgate && printf ' %s %% |' "$(awk -v v="${CPUU[tollgate/$c/$m]:-}" 'BEGIN { if (v == "") print "—"; else printf "%.0f", v }')"
    echo
  done; done
)"

split_table="$(
  echo "| Clients | Mode | Target | TPS | pgbench | PostgreSQL | proxy | machine busy |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|"
  for c in $CLIENTS; do
    [ "$c" = "$PROFILE_CLIENTS" ] || [ "$c" = "$max_c" ] || continue
    for m in simple; do for t in "${targets[@]}"; do
      k="$t/$c/$m"
      pc_="—"; [ "$t" = direct ] || pc_="$(fmt1 "${CPU[$k]:-}")"
      printf '| %s | %s | %s | %s | %s | %s | %s | %s %% |\n' "$c" "$m" "${T_LABEL[$t]}" "$(fmt_int "${TPS[$k]:-}")" \
        "$(fmt1 "${BENCHCPU[$k]:-}")" "$(fmt1 "${PGCPU[$k]:-}")" "$pc_" "$(fmt_int "${BUSY[$k]:-}")"
    done; done
  done
)"

latency_table="$(
  printf '| Mode |'; for t in "${targets[@]}"; do printf ' %s |' "${T_LABEL[$t]}"; done; echo
  printf '|---|'; for t in "${targets[@]}"; do printf -- '---:|'; done; echo
  for m in "${modes[@]}"; do
    printf '| %s |' "$m"
    for t in "${targets[@]}"; do if skip "$t" "$m"; then printf ' — |'; else printf ' %s |' "$(awk -v v="${LAT[$t/1/$m]:-}" 'BEGIN { if (v == "") print "—"; else printf "%.3f", v }')"; fi; done
    echo
  done
)"

fail_lines=""
for t in "${targets[@]}"; do for c in $CLIENTS; do for m in "${modes[@]}"; do
  skip "$t" "$m" && continue
  k="$t/$c/$m"
  if [ "${FAIL[$k]:-0}" != 0 ] || [ "${RCS[$k]:-0}" != 0 ]; then
    fail_lines+="- ${T_LABEL[$t]}, c=$c, -M $m: ${FAIL[$k]} failed transactions / aborted clients, ${RCS[$k]} run(s) with a non-zero pgbench exit"$'\n'
  fi
done; done; done
[ -n "$fail_lines" ] || fail_lines="None: every run exited 0 with 0 failed transactions and no aborted client."$'\n'

# --- targets of the issue -------------------------------------------------------------------------------------------
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 >= b + 0) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 <= b + 0) }'; }
in_clients() { [[ " $CLIENTS " == *" $1 "* ]]; }
verdict_rows=""
tps_vs() { # pgb target
  local p="$1" ok=1 parts="" r
  for m in simple extended; do
    r="$(ratio "${TPS[tollgate/50/$m]:-}" "${TPS[$p/50/$m]:-}")"
    [ -n "$r" ] || { echo "not measured in this run|"; return; }
    parts+="$m ${r}×, "; ge "$r" "$TARGET_TPS_RATIO" || ok=0
  done
  if [ $ok = 1 ]; then echo "met|${parts%, }"; else echo "missed|${parts%, }"; fi
}
cpu_vs() {
  local p="$1" ok=1 parts="" r
  for m in simple extended; do
    r="$(ratio "${CPU[tollgate/50/$m]:-}" "${CPU[$p/50/$m]:-}")"
    [ -n "$r" ] || { echo "not measured in this run|"; return; }
    parts+="$m ${r}× ($(fmt1 "${CPU[tollgate/50/$m]}") vs $(fmt1 "${CPU[$p/50/$m]}") ms), "; le "$r" "$TARGET_CPU_RATIO" || ok=0
  done
  if [ $ok = 1 ]; then echo "met|${parts%, }"; else echo "missed|${parts%, }"; fi
}
row() { verdict_rows+="| $1 | ${2#*|} | **${2%%|*}** |"$'\n'; }
if has tollgate && in_clients 50; then
  has pgb_session && row "TPS ≥ ${TARGET_TPS_RATIO}× PgBouncer at c=50, simple & extended — vs PgBouncer **session**" "$(tps_vs pgb_session)"
  has pgb_txn && row "TPS ≥ ${TARGET_TPS_RATIO}× PgBouncer at c=50, simple & extended — vs PgBouncer **transaction** (the issue's reference)" "$(tps_vs pgb_txn)"
  has pgb_session && row "Proxy CPU per transaction ≤ ${TARGET_CPU_RATIO}× PgBouncer's (c=50, simple & extended) — vs PgBouncer session" "$(cpu_vs pgb_session)"
  has pgb_txn && row "Proxy CPU per transaction ≤ ${TARGET_CPU_RATIO}× PgBouncer's (c=50, simple & extended) — vs PgBouncer transaction" "$(cpu_vs pgb_txn)"
else
  row "TPS ≥ ${TARGET_TPS_RATIO}× PgBouncer at c=50, simple & extended" "not measured in this run|c=50 not in CLIENTS=\"$CLIENTS\""
  row "Proxy CPU per transaction ≤ ${TARGET_CPU_RATIO}× PgBouncer's" "not measured in this run|c=50 not in CLIENTS=\"$CLIENTS\""
fi
if has tollgate && has pgb_txn && has direct && in_clients 1; then
  ok=1; parts=""
  for m in simple extended; do
    lt="${LAT[tollgate/1/$m]:-}"; lp="${LAT[pgb_txn/1/$m]:-}"; ld="${LAT[direct/1/$m]:-}"
    [ -n "$lt" ] && [ -n "$lp" ] && [ -n "$ld" ] || { ok=2; break; }
    ot="$(awk -v a="$lt" -v d="$ld" 'BEGIN { printf "%.3f", a - d }')"; op="$(awk -v a="$lp" -v d="$ld" 'BEGIN { printf "%.3f", a - d }')"
    parts+="$m +$ot ms vs PgBouncer's +$op ms, "; le "$ot" "$op" || ok=0
  done
  if [ $ok = 2 ]; then v="not measured in this run"; elif [ $ok = 1 ]; then v=met; else v=missed; fi
  row "c=1 latency added over direct ≤ PgBouncer transaction's (simple & extended)" "$v|${parts%, }"
fi
if has tollgate && has tollgate_noinsights && in_clients 50; then
  ok=1; parts=""
  for m in simple extended; do
    r="$(ratio "${TPS[tollgate/50/$m]:-}" "${TPS[tollgate_noinsights/50/$m]:-}")"
    [ -n "$r" ] || { ok=2; break; }
    cost="$(awk -v r="$r" 'BEGIN { printf "%.1f", (1 - r) * 100 }')"
    parts+="$m ${cost} % ($(fmt_int "${TPS[tollgate/50/$m]}") vs $(fmt_int "${TPS[tollgate_noinsights/50/$m]}") TPS; CPU per transaction $(fmt1 "${CPU[tollgate/50/$m]}") vs $(fmt1 "${CPU[tollgate_noinsights/50/$m]}") ms), "
    le "$cost" "$TARGET_INSIGHTS_COST" || ok=0
  done
  if [ $ok = 2 ]; then v="not measured in this run"; elif [ $ok = 1 ]; then v=met; else v=missed; fi
  row "Insights cost ≤ ${TARGET_INSIGHTS_COST} % of throughput at c=50 (Tollgate vs the same build with \`tollgate.proxy.insights.enabled=false\`)" "$v|${parts%, }"
fi
k="tollgate/50/prepared"
if [ "$TOLLGATE_POOL_MODE" = transaction ] && [ -n "${TPS[$k]:-}" ]; then
  if [ "${FAIL[$k]}" = 0 ] && [ "${RCS[$k]}" = 0 ]; then v=met; else v=missed; fi
  row "\`-M prepared\` in transaction mode at c=50 with zero failures" "$v|$(fmt_int "${TPS[$k]}") TPS, ${FAIL[$k]} failures, ${RCS[$k]} failed run(s)"
elif [ -n "${TPS[$k]:-}" ]; then
  row "\`-M prepared\` in transaction mode at c=50 with zero failures" "not measured in this run|Tollgate was registered in pool_mode $TOLLGATE_POOL_MODE (run with TOLLGATE_POOL_MODE=transaction). For information: $(fmt_int "${TPS[$k]}") TPS, ${FAIL[$k]} failures, ${RCS[$k]} failed run(s)"
else
  row "\`-M prepared\` in transaction mode at c=50 with zero failures" "not measured in this run|c=50 -M prepared not run here"
fi
if has tollgate && has direct && in_clients 200; then
  ok=1; parts=""
  for m in "${modes[@]}"; do
    r="$(ratio "${TPS[tollgate/200/$m]:-}" "${TPS[direct/200/$m]:-}")"
    parts+="$m ${r:-?}×, "
    if [ "$m" != prepared ]; then ge "$r" "$TARGET_C200_RATIO" || ok=0; fi
  done
  if [ $ok = 1 ]; then v=met; else v=missed; fi
  row "c=200 ≥ ${TARGET_C200_RATIO}× direct (simple & extended)" "$v|${parts%, }"
else
  row "c=200 ≥ ${TARGET_C200_RATIO}× direct" "not measured in this run|c=200 not in CLIENTS=\"$CLIENTS\""
fi
idle_target="$(fmt_int "$TARGET_IDLE_CLIENTS") idle client connections held by Tollgate with RSS ≤ $TARGET_IDLE_RSS_MB MB"
idle_md=""
case "$idle_state" in
  skipped) row "$idle_target" "not measured in this run|IDLE_CLIENTS=0 skipped the idle-client phase" ;;
  failed)
    if [ "$IDLE_CLIENTS" -ge "$TARGET_IDLE_CLIENTS" ]; then v=missed; else v="not measured in this run"; fi
    row "$idle_target" "$v|$(fmt_int "$IDLE_CLIENTS") idle clients through Tollgate (\`$idle_opts\`) failed: $idle_note"
    idle_md="Idle clients: $(fmt_int "$IDLE_CLIENTS") connections through a restarted Tollgate (\`$idle_opts\`) failed: $idle_note" ;;
  measured)
    rss_mb="$(awk -v v="$idle_rss" 'BEGIN { printf "%.1f", v / 1024 }')"
    per_client="$(awk -v a="$idle_rss" -v b="$idle_rss_before" -v n="$IDLE_CLIENTS" 'BEGIN { printf "%.1f", (a - b) / n }')"
    facts="$(fmt_int "$IDLE_CLIENTS") clients open in $idle_open_s s; RSS $(mb "$idle_rss_before") MB before, $(mb "$idle_rss") MB with them (peak $(mb "$idle_hwm") MB), PostgreSQL connections of role bench $idle_backends, heap option \`${IDLE_JAVA_OPTS:-none}\`"
    if [ "$IDLE_CLIENTS" -lt "$TARGET_IDLE_CLIENTS" ]; then v="not measured in this run"; facts="only $facts (IDLE_CLIENTS=$IDLE_CLIENTS)"
    elif le "$rss_mb" "$TARGET_IDLE_RSS_MB"; then v=met; else v=missed; fi
    row "$idle_target" "$v|$facts"
    idle_md="$(cat <<EOF
Idle clients: Tollgate restarted with \`$TOLLGATE_BASE_OPTS${idle_opts:+ $idle_opts}\`, then
\`java bench/proxy/IdleClients.java\` opened $(fmt_int "$IDLE_CLIENTS") PostgreSQL connections to it (8 threads, SCRAM login,
each then idle) as user \`bench.<project id>\` of $idle_project_note; ${idle_alive} of them answered a \`SELECT 1\`;
figures read 5 s after the last one was open (RSS = \`VmRSS\`, peak = \`VmHWM\` of the JVM in \`/proc/<pid>/status\`; the
embedded control-plane PostgreSQL runs in processes of its own and is not included):

| Idle clients | Open time | Tollgate RSS before | RSS with the clients | Peak RSS | Per client | Threads | File descriptors | \`bench\` backends (most while opening) |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| $(fmt_int "$IDLE_CLIENTS") | $idle_open_s s | $(mb "$idle_rss_before") MB | $(mb "$idle_rss") MB | $(mb "$idle_hwm") MB | $per_client KB | $idle_threads_before → $idle_threads | $idle_fds | $idle_backends_before → $idle_backends ($idle_backends_max) |
EOF
)" ;;
esac
targets_table="| Target | Measured | Verdict |
|---|---|---|
${verdict_rows%$'\n'}"

# --- facts ----------------------------------------------------------------------------------------------------------
cpus="$(nproc)"
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
kernel="$(uname -sr)"
java_version="$(java -version 2>&1 | head -n 1)"
pg_version="$("$PG_BIN/postgres" --version)"
pgb_version="$("$PGBOUNCER" --version 2>/dev/null | head -n 1)"
pgbench_version="$("$PGBENCH" --version)"

cmd_lines=""
for c in $CLIENTS; do for m in "${modes[@]}"; do for t in "${targets[@]}"; do
  skip "$t" "$m" && continue
  cmd_lines+="pgbench $(pgbench_args "$t" "$c" "$m" "$dur_s")   # ${T_LABEL[$t]}"$'\n'
done; done; done
cmd_lines="$(sed -e "s/-p $PG_PORT /-p \$PG_PORT /; s/-p $PGB_S_PORT /-p \$PGB_SESSION_PORT /; s/-p $PGB_T_PORT /-p \$PGB_TXN_PORT /; s/-p $PROXY_PORT /-p \$TOLLGATE_PROXY_PORT /; s/$PROJECT_ID/\$PROJECT_ID/" <<<"$cmd_lines")"
pgb_ini_shown="$(sed -e "s/port=$PG_PORT /port=\$PG_PORT /; s/listen_port = $PGB_T_PORT/listen_port = \$PGB_TXN_PORT/; s|$work|\$WORK|g" "$work/pgb/transaction.ini")"
project_shown="$(sed "s/$PG_PORT/\$PG_PORT/" <<<"$project_body")"

summary="$(cat <<EOF
Throughput, median TPS of $ROUNDS round(s) of ${dur_s} s (ratio to PostgreSQL direct in brackets):

$throughput_table

Proxy CPU time per 1,000 transactions (ms, user + sys of the proxy process from \`/proc/<pid>/stat\`, median of the
rounds; the user share is Tollgate's user time / (user + sys)):

$cpu_table

Average latency at c=1 (ms, pgbench \`latency average\`, median of the rounds):

$latency_table

Where the machine's CPU went (ms per 1,000 transactions, medians; \`machine busy\` = non-idle share of all $cpus CPUs
during the run from \`/proc/stat\`; \`pgbench\` from the shell's \`times\`, PostgreSQL = postmaster and backends):

$split_table

Failures: ${fail_lines%$'\n'}

Peak/current RSS after the runs: Tollgate $rss_tollgate; PgBouncer session $rss_pgb_s; PgBouncer transaction $rss_pgb_t.
${idle_md:+
$idle_md
}
Targets from the issue:

$targets_table
EOF
)"

echo
echo "== Proxy benchmark (pgbench -S, ${dur_s} s x $ROUNDS rounds, clients $CLIENTS) =="
echo "$summary"
[ -z "$profile_md" ] || { echo; echo "Profile of Tollgate under load:"; echo; echo "$profile_md"; }
echo
log "total time $(awk -v s="$(( $(date +%s) - started_at ))" 'BEGIN { printf "%.1f", s / 60 }') min"

# --- results block --------------------------------------------------------------------------------------------------
if [ "$WRITE_RESULTS" = "1" ]; then
  block="$work/block.md"
  {
    echo "<!-- bench:proxy:results:begin (written by bench/proxy/run.sh; edits inside this block are overwritten) -->"
    echo "## Latest results"
    echo
    echo "- Date: $run_date"
    echo "- Commit: \`$commit\`, working tree $tree; jar \`bootstrap/target/tollgate.jar\` built $jar_facts"
    echo "- Machine: $cpus CPUs ($cpu_model), $mem RAM, $kernel; pgbench, PostgreSQL, the proxies and Tollgate's"
    echo "  control plane all share these CPUs"
    echo "- Software: $pg_version; $pgb_version; $pgbench_version; Java \`$java_version\`${JAVA_OPTS:+, JAVA_OPTS=\`$JAVA_OPTS\`}"
    echo "- Run: \`DURATION=$DURATION ROUNDS=$ROUNDS CLIENTS=\"$CLIENTS\" MODES=\"$MODES\" WARMUP=$WARMUP INITIAL_WARMUP=$INITIAL_WARMUP TOLLGATE_POOL_MODE=$TOLLGATE_POOL_MODE POOL_SIZE=$POOL_SIZE IDLE_CLIENTS=$IDLE_CLIENTS IDLE_JAVA_OPTS=\"$IDLE_JAVA_OPTS\" bench/proxy/run.sh\`"
    echo "  under \`flock /tmp/tollgate-mvn.lock\`; measurements took $measure_minutes min"
    echo
    echo "$summary"
    echo
    echo "### How it was run"
    echo
    echo "PostgreSQL (fresh \`initdb\`, \`pgbench -i -s $SCALE\` as role \`bench\`, SCRAM in \`pg_hba.conf\` for 127.0.0.1):"
    echo
    echo '```'
    sed -e "s/port = $PG_PORT/port = \$PG_PORT/; s|$work|\$WORK|g" <<<"$PG_SETTINGS"
    echo '```'
    echo
    echo "PgBouncer (the session instance differs only in \`pool_mode = session\` and its port):"
    echo
    echo '```ini'
    echo "$pgb_ini_shown"
    echo '```'
    echo
    echo "Tollgate: \`java $TOLLGATE_BASE_OPTS${JAVA_OPTS:+ $JAVA_OPTS} -jar bootstrap/target/tollgate.jar\` with"
    echo "\`TOLLGATE_DATA_DIR\`, \`TOLLGATE_*_PORT\` and \`TOLLGATE_ADMIN_API_KEY\`; project registered with"
    echo "\`POST /v1/projects\`:"
    echo
    echo '```json'
    echo "$project_shown"
    echo '```'
    echo
    echo "Each measured run is preceded by a ${warm_s} s unmeasured run with the same parameters (it opens the poolers' server"
    echo "connections), followed by \`RECONNECT\` on both PgBouncers and a wait until PostgreSQL is back to ≤ 4 \`bench\`"
    echo "backends. Targets rotate their order from round to round. \`PGPASSWORD\` and \`PGSSLMODE=disable\` in the environment:"
    echo
    echo '```'
    echo "$cmd_lines"
    echo '```'
    if [ -n "$profile_md" ]; then
      echo
      echo "### Profile of Tollgate under load"
      echo
      echo "$profile_md"
    fi
    echo
    echo "<details><summary>Every run (TPS; proxy CPU ticks at ${CLK_TCK}/s)</summary>"
    echo
    echo "| Round | Target | Clients | Mode | Exit | TPS | Transactions | Failed | Aborted | Latency ms | Proxy user | Proxy sys |"
    echo "|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $12, $13 }' "$RESULTS_TSV"
    echo
    echo "</details>"
    echo "<!-- bench:proxy:results:end -->"
  } >"$block"

  write_results_block proxy "$block" "$RESULTS_FILE" "PostgreSQL proxy performance"
fi
