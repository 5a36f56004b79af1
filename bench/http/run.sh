#!/usr/bin/env bash
# HTTP benchmark: authenticated API-key GET of a workspace against the public health check, in the same run.
#
#   bench/http/run.sh                         # 10 s warm-up + 30 s measurement per endpoint, 50 connections
#   DURATION=5s WARMUP=3s bench/http/run.sh   # quick smoke run
#
# Installs wrk (Debian package) if missing, builds the jar if missing, starts Tollgate on a fresh embedded
# PostgreSQL in a temporary data directory on free ports, measures, prints a summary, rewrites the results block of
# docs/perf/http.md and stops Tollgate with SIGTERM. See bench/README.md.
#
# Environment (all optional):
#   DURATION=30s      measurement length per endpoint (wrk -d)
#   WARMUP=10s        warm-up length per endpoint (wrk -d); 0 skips the warm-up
#   CONNECTIONS=50    open connections (wrk -c)
#   THREADS=2         wrk threads (wrk -t)
#   JAVA_OPTS=        extra JVM options for Tollgate
#   RESULTS_FILE=docs/perf/http.md   where the results block is written; WRITE_RESULTS=0 to only print
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
JAVA_OPTS="${JAVA_OPTS:-}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/http.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"

# Targets (from the issue): authenticated GET >= 0.5x health throughput, >= 3,000 req/s, p99 <= 25 ms.
TARGET_RATIO=0.5
TARGET_RPS=3000
TARGET_P99_MS=25

# A fixed key, used only by this throwaway instance (tg_ followed by at least 29 characters).
API_KEY="tg_bench_0123456789abcdefghijklmnopqrstuv"
WORKSPACE_PATH="/api/v1/workspaces/1"
HEALTH_PATH="/v1/health"
JAR="$root/bootstrap/target/tollgate.jar"

work="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench.XXXXXX")"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
prepare_single_tollgate_run "$JAR"
BASE="http://127.0.0.1:$HTTP_PORT"

# --- start Tollgate -------------------------------------------------------------------------------------------------
start_tollgate "$JAR"

status="$(curl -s -o "$work/ws.json" -w '%{http_code}' -H "Authorization: Bearer $API_KEY" "$BASE$WORKSPACE_PATH")"
[ "$status" = "200" ] || die "GET $WORKSPACE_PATH answered $status: $(cat "$work/ws.json")"

# --- measure --------------------------------------------------------------------------------------------------------
wrk_version="$(wrk -v 2>&1 | head -n 1 || true)"
health_cmd=(wrk "-t$THREADS" "-c$CONNECTIONS" "-d$DURATION" --latency "$BASE$HEALTH_PATH")
auth_cmd=(wrk "-t$THREADS" "-c$CONNECTIONS" "-d$DURATION" --latency -H "Authorization: Bearer $API_KEY" "$BASE$WORKSPACE_PATH")

warm() {
  if [ "$WARMUP" != "0" ] && [ "$WARMUP" != "0s" ]; then
    log "warm-up $WARMUP: $1"
    shift
    "$@" >/dev/null
  fi
}
warm "GET $HEALTH_PATH" wrk "-t$THREADS" "-c$CONNECTIONS" "-d$WARMUP" "$BASE$HEALTH_PATH"
warm "GET $WORKSPACE_PATH" wrk "-t$THREADS" "-c$CONNECTIONS" "-d$WARMUP" -H "Authorization: Bearer $API_KEY" "$BASE$WORKSPACE_PATH"

log "measuring $DURATION: GET $HEALTH_PATH"
"${health_cmd[@]}" | tee "$work/health.txt" >&2
log "measuring $DURATION: GET $WORKSPACE_PATH (API key)"
"${auth_cmd[@]}" | tee "$work/auth.txt" >&2

stop_tollgate

# --- parse ----------------------------------------------------------------------------------------------------------
# wrk prints latencies as e.g. 812.00us, 3.45ms, 1.02s, 1.50m; convert to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
    if (f < 0 || n == "") { print "NaN"; exit }
    printf "%.2f", n * f }'
}
rps_of() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
pct_of() { to_ms "$(awk -v p="$2%" '$1 == p { print $2; exit }' "$1")"; }
total_of() { awk '/requests in/ { print $1; exit }' "$1"; }
non2xx_of() { awk -F': *' '/Non-2xx or 3xx responses/ { print $2; f = 1 } END { if (!f) print 0 }' "$1"; }
sockerr_of() { awk '/Socket errors:/ { sub(/^ *Socket errors: */, ""); print; f = 1 } END { if (!f) print "none" }' "$1"; }

h_rps="$(rps_of "$work/health.txt")";   a_rps="$(rps_of "$work/auth.txt")"
h_p50="$(pct_of "$work/health.txt" 50)"; a_p50="$(pct_of "$work/auth.txt" 50)"
h_p99="$(pct_of "$work/health.txt" 99)"; a_p99="$(pct_of "$work/auth.txt" 99)"
h_total="$(total_of "$work/health.txt")"; a_total="$(total_of "$work/auth.txt")"
h_non2xx="$(non2xx_of "$work/health.txt")"; a_non2xx="$(non2xx_of "$work/auth.txt")"
h_sockerr="$(sockerr_of "$work/health.txt")"; a_sockerr="$(sockerr_of "$work/auth.txt")"
[ -n "$h_rps" ] && [ -n "$a_rps" ] || die "could not parse wrk output"

ratio="$(awk -v a="$a_rps" -v h="$h_rps" 'BEGIN { printf "%.2f", (h > 0) ? a / h : 0 }')"
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "MISSED"; fi; }
ok_ratio="$(awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t) ? 1 : 0 }')"
ok_rps="$(awk -v r="$a_rps" -v t="$TARGET_RPS" 'BEGIN { print (r >= t) ? 1 : 0 }')"
ok_p99="$(awk -v p="$a_p99" -v t="$TARGET_P99_MS" 'BEGIN { print (p != "NaN" && p <= t) ? 1 : 0 }')"
errors_note=""
if [ "$a_non2xx" != "0" ] || [ "$h_non2xx" != "0" ]; then
  errors_note="WARNING: non-2xx responses (health $h_non2xx, workspace $a_non2xx); throughput includes failed requests."
fi

# --- facts ----------------------------------------------------------------------------------------------------------
run_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
commit="$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)"
tree="$(git_tree_state)"
cpus="$(nproc)"
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
java_version="$(java -version 2>&1 | head -n 1)"
kernel="$(uname -sr)"

# Commands as run, with the port replaced by a placeholder.
show_cmd() {
  local s="" a
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:%=+-]+$ ]]; then s+="$a "; else s+="'${a//\'/\'\\\'\'}' "; fi
  done
  s="${s% }"
  echo "${s//127.0.0.1:$HTTP_PORT/127.0.0.1:\$PORT}"
}
health_cmd_text="$(show_cmd "${health_cmd[@]}")"
auth_cmd_text="$(show_cmd "${auth_cmd[@]}")"

summary="$(cat <<EOF
| Endpoint | Requests/sec | p50 (ms) | p99 (ms) | Requests | Non-2xx | Socket errors |
|---|---:|---:|---:|---:|---:|---|
| \`GET $HEALTH_PATH\` (public) | $h_rps | $h_p50 | $h_p99 | $h_total | $h_non2xx | $h_sockerr |
| \`GET $WORKSPACE_PATH\` (API key) | $a_rps | $a_p50 | $a_p99 | $a_total | $a_non2xx | $a_sockerr |

Ratio authenticated / health: **$ratio**

| Target | Measured | Verdict |
|---|---|---|
| Authenticated GET ≥ ${TARGET_RATIO}× health throughput | ${ratio}× | $(verdict "$ok_ratio") |
| Authenticated GET ≥ $TARGET_RPS req/s | $a_rps req/s | $(verdict "$ok_rps") |
| Authenticated GET p99 ≤ $TARGET_P99_MS ms | $a_p99 ms | $(verdict "$ok_p99") |
EOF
)"

echo
echo "== HTTP benchmark ($DURATION per endpoint, $CONNECTIONS connections, $THREADS wrk threads) =="
echo "$summary"
[ -z "$errors_note" ] || echo "$errors_note"

# --- results block --------------------------------------------------------------------------------------------------
if [ "$WRITE_RESULTS" = "1" ]; then
  block="$work/block.md"
  {
    echo "<!-- bench:http:results:begin (written by bench/http/run.sh; edits inside this block are overwritten) -->"
    echo "## Latest results"
    echo
    echo "- Date: $run_date"
    echo "- Commit: \`$commit\`, working tree $tree"
    echo "- Machine: $cpus CPUs ($cpu_model), $mem RAM, $kernel; wrk and Tollgate share these CPUs"
    echo "- Java: \`$java_version\`${JAVA_OPTS:+, JAVA_OPTS=\`$JAVA_OPTS\`}"
    echo "- Load generator: \`$wrk_version\`"
    echo "- Run: \`DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS bench/http/run.sh\`"
    echo "  (fresh embedded PostgreSQL with the demo data; $WARMUP warm-up per endpoint, then the measurements, in this order):"
    echo
    echo '```'
    echo "$health_cmd_text"
    echo "$auth_cmd_text"
    echo '```'
    echo
    echo "$summary"
    [ -z "$errors_note" ] || { echo; echo "$errors_note"; }
    echo
    echo "<details><summary>Raw wrk output</summary>"
    echo
    echo '```'
    echo "\$ $health_cmd_text"
    sed "s/127.0.0.1:$HTTP_PORT/127.0.0.1:\$PORT/g" "$work/health.txt"
    echo
    echo "\$ $auth_cmd_text"
    sed "s/127.0.0.1:$HTTP_PORT/127.0.0.1:\$PORT/g" "$work/auth.txt"
    echo '```'
    echo
    echo "</details>"
    echo "<!-- bench:http:results:end -->"
  } >"$block"

  write_results_block http "$block" "$RESULTS_FILE" "HTTP performance"
fi
