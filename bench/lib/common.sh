# shellcheck shell=bash
# What the bench/*/run.sh scripts share: logging, free ports, wrk, starting and stopping a throwaway Tollgate on a
# fresh embedded PostgreSQL, and writing a results block into docs/perf/. Source it from a script that has set
# `root` (the repository) and `work` (its temporary directory).

# The operator secret of the Tollgate the benchmarks start (X-Internal-Secret); throwaway, like their API key.
BENCH_INTERNAL_SECRET="bench-internal-secret-0123456789"

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port [taken ...]: a loopback port nobody listens on and that is not among the arguments.
free_port() {
  local port tries=0
  while [ $tries -lt 500 ]; do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! port_in_use "$port" && [[ " $* " != *" $port "* ]]; then echo "$port"; return 0; fi
    tries=$((tries + 1))
  done
  die "no free port found"
}

require_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    log "wrk not found; installing the Debian package"
    local sudo=(sudo)
    [ "$(id -u)" -ne 0 ] || sudo=()
    "${sudo[@]}" apt-get install -y wrk || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y wrk; }
  fi
}

# build_jar_if_missing JAR: an existing jar is used as is (rebuild it yourself after changing code).
build_jar_if_missing() {
  if [ ! -f "$1" ]; then
    log "building $1 (./mvnw -B -q install -DskipTests)"
    (cd "$root" && ./mvnw -B -q install -DskipTests)
  fi
}

# start_tollgate JAR: java -jar on a fresh embedded PostgreSQL in $work/data, on $HTTP_PORT, $DB_PORT (PostgreSQL)
# and $PROXY_PORT, with the admin API key $API_KEY and $JAVA_OPTS; waits for "Startup completed" and the health
# check. Sets app_pid and app_log.
app_pid=""
start_tollgate() {
  app_log="$work/tollgate.log"
  log "starting Tollgate on port $HTTP_PORT (embedded PostgreSQL on $DB_PORT, data in $work/data)"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  # The benchmarks measure the engine, not a plan: the demo organization starts on the enterprise tier (no project,
  # connection or query limits); bench/proxy's tollgate_limits target sets limits through the operator's route.
  TOLLGATE_DATA_DIR="$work/data" TOLLGATE_HTTP_PORT="$HTTP_PORT" TOLLGATE_EMBEDDED_DB_PORT="$DB_PORT" \
    TOLLGATE_PROXY_PORT="$PROXY_PORT" TOLLGATE_ADMIN_API_KEY="$API_KEY" TOLLGATE_TIERS_INITIAL=enterprise \
    TOLLGATE_PROXY_ALLOWED_UPSTREAMS=127.0.0.1/32 \
    TOLLGATE_INTERNAL_SECRET="$BENCH_INTERNAL_SECRET" java ${JAVA_OPTS:-} -jar "$1" >"$app_log" 2>&1 &
  app_pid=$!
  local waited=0
  until grep -q "Startup completed" "$app_log" 2>/dev/null && curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/v1/health" 2>/dev/null; do
    kill -0 "$app_pid" 2>/dev/null || die "Tollgate exited during startup"
    [ $waited -lt 240 ] || die "Tollgate was not ready (Startup completed + /v1/health) within 240 s"
    sleep 1; waited=$((waited + 1))
  done
  log "Tollgate is up after ~${waited} s"
}

# stop_tollgate: SIGTERM (a clean shutdown), SIGKILL after 60 s.
stop_tollgate() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    log "stopping Tollgate (SIGTERM to pid $app_pid)"
    kill -TERM "$app_pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$app_pid" 2>/dev/null && [ $waited -lt 60 ]; do sleep 1; waited=$((waited + 1)); done
    if kill -0 "$app_pid" 2>/dev/null; then
      log "Tollgate did not stop within 60 s; sending SIGKILL"
      kill -KILL "$app_pid" 2>/dev/null || true
    fi
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}

# prepare_single_tollgate_run JAR: what a benchmark of one throwaway Tollgate does first. On exit (also on failure or
# Ctrl-C) Tollgate is stopped, its log's tail shown if the run failed, and $work removed unless KEEP_WORKDIR=1. Checks
# the tools, builds the jar if missing and picks $HTTP_PORT, $DB_PORT and $PROXY_PORT.
prepare_single_tollgate_run() {
  trap _single_tollgate_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  require_wrk
  command -v curl >/dev/null 2>&1 || die "curl is required"
  command -v java >/dev/null 2>&1 || die "java (JDK 17+) is required"
  build_jar_if_missing "$1"
  HTTP_PORT="$(free_port)"
  DB_PORT="$(free_port "$HTTP_PORT")"
  PROXY_PORT="$(free_port "$HTTP_PORT" "$DB_PORT")"
}

_single_tollgate_cleanup() {
  local rc=$?
  stop_tollgate
  if [ $rc -ne 0 ] && [ -f "${app_log:-}" ]; then
    log "last lines of the Tollgate log:"; tail -n 40 "$app_log" >&2 || true
  fi
  if [ "${KEEP_WORKDIR:-0}" = "1" ]; then log "kept $work"; else rm -rf "$work"; fi
  exit $rc
}

# git_tree_state: "clean (...)" or "dirty (...)", with the number of untracked paths.
git_tree_state() {
  local tree untracked
  if [ -n "$(git -C "$root" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    tree="dirty (uncommitted changes to tracked files)"
  else
    tree="clean (no uncommitted changes to tracked files)"
  fi
  untracked="$(git -C "$root" --no-optional-locks status --porcelain 2>/dev/null | grep -c '^??' || true)"
  [ "$untracked" = "0" ] || tree="$tree; $untracked untracked path(s)"
  echo "$tree"
}

# write_results_block NAME BLOCK RESULTS_FILE TITLE: BLOCK (a file between the `bench:NAME:results:begin` and `:end`
# markers) replaces the previous block in RESULTS_FILE, whose other text is kept; without one it is appended (to a
# new file headed TITLE).
write_results_block() {
  local name="$1" block="$2" results="$3" title="$4"
  mkdir -p "$(dirname "$results")"
  if [ -f "$results" ] && grep -q "<!-- bench:$name:results:begin" "$results" \
      && grep -q "<!-- bench:$name:results:end -->" "$results"; then
    awk -v blockfile="$block" -v begin="<!-- bench:$name:results:begin" -v end="<!-- bench:$name:results:end -->" '
      index($0, begin) == 1 { while ((getline line < blockfile) > 0) print line; skip = 1; next }
      index($0, end) == 1 { skip = 0; next }
      !skip { print }' "$results" >"$work/results.md"
  else
    {
      if [ -f "$results" ]; then cat "$results"; echo; else
        printf '# %s\n\nProduced by `bench/%s/run.sh` (see `bench/README.md`).\n\n' "$title" "$name"
      fi
      cat "$block"
    } >"$work/results.md"
  fi
  cat "$work/results.md" >"$results"
  log "results written to ${results#"$root"/}"
}
