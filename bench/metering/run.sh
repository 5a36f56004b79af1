#!/usr/bin/env bash
# Metering benchmark: OpenMeter-compatible ingestion and meter queries through Tollgate's HTTP API, each beside the same
# work done directly against PostgreSQL in the same run (the reference), on one fresh embedded database.
#
#   bench/metering/run.sh                                   # full run: 60 s per ingestion phase, 10M events (~15 min)
#   SECONDS_PER_PHASE=10 EVENTS=1000000 bench/metering/run.sh   # quick smoke run
#   flock /tmp/tollgate-mvn.lock bench/metering/run.sh      # the real measurement: no Maven build meanwhile
#
# Phases, in this order (the load generator bench/metering/MeteringLoad.java shares the machine with Tollgate and
# PostgreSQL):
#   1. batched ingestion: $THREADS threads POST batches of 100 events (application/cloudevents-batch+json) for
#      $SECONDS_PER_PHASE s; a 204 means the batch is committed. Every 100th batch is sent twice. Afterwards a COUNT
#      meter over the phase must equal the events acknowledged: nothing lost, nothing counted twice. Reference: the
#      same batches inserted by JDBC, one commit each.
#   2. single-event ingestion (application/cloudevents+json) driven by wrk (bench/metering/single-event.lua) after a
#      15 s warm-up; the COUNT meter must lie between the requests acknowledged and sent (wrk stops with requests in
#      flight, which may still commit); reference: single-row JDBC commits from as many threads.
#   3. freshness: ingest one event, poll queryMeter until it is counted; $FRESH_SAMPLES times.
#   4. queries: $EVENTS synthetic events over 1,000 subjects and one month, loaded with SQL; then queryMeter (SUM,
#      one random subject, the whole month, windowSize=DAY) $QUERY_SAMPLES times after $QUERY_WARMUP unmeasured ones;
#      reference: the same aggregation as plain SQL over JDBC.
#
# Environment (all optional): SECONDS_PER_PHASE=60, THREADS=8 (batched), SINGLE_CONNECTIONS=32, EVENTS=10000000,
# FRESH_SAMPLES=200, QUERY_SAMPLES=500, QUERY_WARMUP=100, JAVA_OPTS= (Tollgate's JVM),
# RESULTS_FILE=docs/perf/metering.md, WRITE_RESULTS=0 to only print, KEEP_WORKDIR=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

SECONDS_PER_PHASE="${SECONDS_PER_PHASE:-60}"
THREADS="${THREADS:-8}"
SINGLE_CONNECTIONS="${SINGLE_CONNECTIONS:-32}"
EVENTS="${EVENTS:-10000000}"
FRESH_SAMPLES="${FRESH_SAMPLES:-200}"
QUERY_SAMPLES="${QUERY_SAMPLES:-500}"
QUERY_WARMUP="${QUERY_WARMUP:-100}"
JAVA_OPTS="${JAVA_OPTS:-}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/metering.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"

TARGET_BATCH_EPS=20000
TARGET_SINGLE_RPS=4000
TARGET_FRESH_P99_MS=1000
TARGET_QUERY_P99_MS=100

API_KEY="tg_bench_0123456789abcdefghijklmnopqrstuv"
JAR="$root/bootstrap/target/tollgate.jar"
LOAD=(java -cp "$JAR" "$root/bench/metering/MeteringLoad.java")

work="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-metering.XXXXXX")"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
prepare_single_tollgate_run "$JAR"
BASE="http://127.0.0.1:$HTTP_PORT"
JDBC="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres"

start_tollgate "$JAR"

api() { # method path [json]: prints the body, fails on a non-2xx answer
  local out="$work/api.json" status
  status="$(curl -s -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "$BASE$2")"
  [ "${status:0:1}" = "2" ] || die "$1 $2 answered $status: $(cat "$out")"
  cat "$out"
}
api POST /api/v1/meters '{"slug":"bench_count","name":"Bench events","aggregation":"COUNT","eventType":"bench.request"}' >/dev/null
api POST /api/v1/meters '{"slug":"bench_value","name":"Bench value","aggregation":"SUM","eventType":"bench.request","valueProperty":"$.value","groupBy":{"region":"$.region"}}' >/dev/null

get() { awk -F= -v k="$2" '$1 == k { print substr($0, length(k) + 2) }' "$work/$1.txt"; }
now_iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
phase() { # name mode args...: runs the load generator, keeps its key=value output in $work/<name>.txt
  local name="$1"; shift
  log "phase $name: $*"
  "${LOAD[@]}" "$@" base="$BASE" key="$API_KEY" jdbc="$JDBC" | tee "$work/$name.txt" >&2
}
counted_between() { # from to: the COUNT meter's total over [from, to)
  "${LOAD[@]}" count base="$BASE" key="$API_KEY" from="$1" to="$2" | awk -F= '$1 == "counted" { print $2 }'
}

# --- 1. batched ingestion -------------------------------------------------------------------------------------------
phase batch_ref direct-ingest threads="$THREADS" seconds="$SECONDS_PER_PHASE" batch=100 resendEvery=100
phase batch_warm ingest threads="$THREADS" seconds=10 batch=100 resendEvery=0 run=warm
sleep 1.1; b_from="$(now_iso)"; sleep 0.1
phase batch ingest threads="$THREADS" seconds="$SECONDS_PER_PHASE" batch=100 resendEvery=100 run=batch
sleep 0.1; b_to="$(now_iso)"; sleep 1.1
b_counted="$(counted_between "$b_from" "$b_to")"

# --- 2. single events -----------------------------------------------------------------------------------------------
# wrk drives this phase: at thousands of requests per second a Java client would cost as much CPU as Tollgate.
single_wrk() { # run seconds
  TOLLGATE_API_KEY="$API_KEY" BENCH_RUN="$1" wrk -t2 "-c$SINGLE_CONNECTIONS" "-d$2" --latency \
    -s "$root/bench/metering/single-event.lua" "$BASE"
}
phase single_ref direct-ingest threads="$SINGLE_CONNECTIONS" seconds="$SECONDS_PER_PHASE" batch=1 resendEvery=0
log "phase single_warm: wrk 15 s"
single_wrk single-warm 15s >/dev/null
sleep 1.1; s_from="$(now_iso)"; sleep 0.1
log "phase single: wrk -c$SINGLE_CONNECTIONS ${SECONDS_PER_PHASE}s"
single_wrk single "${SECONDS_PER_PHASE}s" | tee "$work/single.txt" >&2
sleep 0.1; s_to="$(now_iso)"; sleep 1.1
s_counted="$(counted_between "$s_from" "$s_to")"

# --- 3. freshness ---------------------------------------------------------------------------------------------------
phase fresh freshness samples="$FRESH_SAMPLES" run=fresh

# --- 4. queries over $EVENTS events ---------------------------------------------------------------------------------
load_started=$(date +%s)
phase load load events="$EVENTS" subjects=1000 days=31 start=2026-10-01T00:00:00Z
load_seconds=$(( $(date +%s) - load_started ))
phase query_ref direct-query samples="$QUERY_SAMPLES" warmup="$QUERY_WARMUP"
phase query query samples="$QUERY_SAMPLES" warmup="$QUERY_WARMUP" meter=bench_value
table_size="$(java -cp "$JAR" "$root/bench/metering/MeteringLoad.java" size jdbc="$JDBC" 2>/dev/null | awk -F= '$1 == "size" { print $2 }' || true)"

stop_tollgate

# --- summary --------------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
at_least() { awk -v m="$1" -v t="$2" 'BEGIN { print (m >= t) ? "met" : "MISSED" }'; }
at_most() { awk -v m="$1" -v t="$2" 'BEGIN { print (m <= t) ? "met" : "MISSED" }'; }
b_eps="$(get batch events_per_s)"; b_ref="$(get batch_ref events_per_s)"
b_acked="$(get batch events_acked)"; b_err="$(get batch errors)"; b_resent="$(get batch resent_batches)"
s_rps="$(get single requests_per_s)"; s_ref="$(get single_ref requests_per_s)"
s_acked="$(get single events_acked)"; s_err="$(get single errors)"; s_sent="$(get single sent)"
exact() { if [ "$1" = "$2" ] && [ "$3" = "0" ]; then echo "met"; else echo "MISSED"; fi; }
b_verdict="$(at_least "$b_eps" "$TARGET_BATCH_EPS")"
[ "$(exact "$b_acked" "$b_counted" "$b_err")" = "met" ] || b_verdict="MISSED (count mismatch or errors)"
s_verdict="$(at_least "$s_rps" "$TARGET_SINGLE_RPS")"
s_between="$(awk -v a="$s_acked" -v c="$s_counted" -v s="$s_sent" -v e="$s_err" 'BEGIN { print (a <= c && c <= s && e == 0) ? "yes" : "no" }')"
[ "$s_between" = "yes" ] || s_verdict="MISSED (count outside [acknowledged, sent] or errors)"

summary="$(cat <<EOF
| Phase | Tollgate (HTTP API) | PostgreSQL directly (JDBC) | Ratio | p50 / p99 (ms) |
|---|---:|---:|---:|---|
| Batched ingestion, 100 events per request, $THREADS threads, ${SECONDS_PER_PHASE} s | $b_eps events/s | $b_ref events/s | $(ratio "$b_eps" "$b_ref") | $(get batch p50_ms) / $(get batch p99_ms) |
| Single-event ingestion, wrk $SINGLE_CONNECTIONS connections, ${SECONDS_PER_PHASE} s | $s_rps req/s | $s_ref commits/s | $(ratio "$s_rps" "$s_ref") | $(get single p50_ms) / $(get single p99_ms) |
| queryMeter, 1 subject, 1 month, DAY, over $EVENTS events | p99 $(get query p99_ms) ms | p99 $(get query_ref p99_ms) ms | $(ratio "$(get query p99_ms)" "$(get query_ref p99_ms)") (latency) | $(get query p50_ms) / $(get query p99_ms) |

| Exactness | Acknowledged events | Counted by the COUNT meter | Sent | Batches sent twice | Failed requests |
|---|---:|---:|---:|---:|---:|
| Batched phase (Java client: every request completes) | $b_acked | $b_counted | $b_acked | $b_resent | $b_err |
| Single-event phase (wrk: stops with requests in flight) | $s_acked | $s_counted | $s_sent | 0 | $s_err |

| Target | Measured | Verdict |
|---|---|---|
| Batched ingestion ≥ $TARGET_BATCH_EPS events/s for ${SECONDS_PER_PHASE} s, 0 lost, 0 double-counted | $b_eps events/s; $b_acked acked = $b_counted counted | $b_verdict |
| Single-event ingestion ≥ $TARGET_SINGLE_RPS req/s | $s_rps req/s; $s_acked acked ≤ $s_counted counted ≤ $s_sent sent | $s_verdict |
| Event visible in queryMeter within 1 s (p99) | p99 $(get fresh p99_ms) ms (p50 $(get fresh p50_ms), max $(get fresh max_ms)) | $(at_most "$(get fresh p99_ms)" "$TARGET_FRESH_P99_MS") |
| queryMeter p99 ≤ $TARGET_QUERY_P99_MS ms over $EVENTS events, 1,000 subjects | p99 $(get query p99_ms) ms (p50 $(get query p50_ms), max $(get query max_ms)) | $(at_most "$(get query p99_ms)" "$TARGET_QUERY_P99_MS") |
EOF
)"
echo
echo "== Metering benchmark =="
echo "$summary"

if [ "$WRITE_RESULTS" = "1" ]; then
  run_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  commit="$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)"
  tree="$(git_tree_state)"
  cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
  mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
  block="$work/block.md"
  {
    echo "<!-- bench:metering:results:begin (written by bench/metering/run.sh; edits inside this block are overwritten) -->"
    echo "## Latest results"
    echo
    echo "- Date: $run_date"
    echo "- Commit: \`$commit\`, working tree $tree"
    echo "- Machine: $(nproc) CPUs ($cpu_model), $mem RAM, $(uname -sr); the load generator, Tollgate and PostgreSQL share these CPUs"
    echo "- Java: \`$(java -version 2>&1 | head -n 1)\`${JAVA_OPTS:+, JAVA_OPTS=\`$JAVA_OPTS\`}"
    echo "- Run: \`SECONDS_PER_PHASE=$SECONDS_PER_PHASE THREADS=$THREADS SINGLE_CONNECTIONS=$SINGLE_CONNECTIONS EVENTS=$EVENTS FRESH_SAMPLES=$FRESH_SAMPLES QUERY_SAMPLES=$QUERY_SAMPLES bench/metering/run.sh\`"
    echo "- Loading $EVENTS events with SQL took $load_seconds s${table_size:+; metering.events with its indexes: $table_size}"
    echo
    echo "$summary"
    echo
    echo "<details><summary>Raw load generator output</summary>"
    echo
    echo '```'
    for f in batch_ref batch single_ref single fresh load query_ref query; do echo "# $f"; cat "$work/$f.txt"; echo; done
    echo '```'
    echo
    echo "</details>"
    echo "<!-- bench:metering:results:end -->"
  } >"$block"
  write_results_block metering "$block" "$RESULTS_FILE" "Metering performance"
fi
