#!/usr/bin/env bash
# Audit log benchmark (issue 19): what recording costs the writes that record (API-key and project creation, the same
# jar with the log on and off, interleaved restarts), audit/activity with each filter over a seeded million entries
# (p50/p99), and the CSV export of all of them with the JVM's heap sampled while it streams.
#
#   bench/audit/run.sh                               # ~15 min: 3 rounds x 2 states x 2 ops x (20 s warm + 20 s), 1 M entries
#   ENTRIES=100000 SECONDS_PER_PHASE=5 ROUNDS=1 bench/audit/run.sh   # quick smoke run
#
# Environment (all optional):
#   ENTRIES=1000000        audit entries seeded for the reads and the export
#   SECONDS_PER_PHASE=20   length of each write measurement
#   ROUNDS=3               write rounds (each: log on, then off, each on a fresh start of the same data)
#   WARM_SECONDS=20        unmeasured writes of each kind after each start (the JIT's first minute is most of the spread)
#   THREADS=8              concurrent writers
#   READS=300              measured requests per read filter (after 30 unmeasured)
#   HEAP=256m              Tollgate's -Xmx: the export must stream within it
#   RESULTS_FILE=docs/perf/audit.md; WRITE_RESULTS=0 to only print
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

ENTRIES="${ENTRIES:-1000000}"
SECONDS_PER_PHASE="${SECONDS_PER_PHASE:-20}"
ROUNDS="${ROUNDS:-3}"
WARM_SECONDS="${WARM_SECONDS:-20}"
THREADS="${THREADS:-8}"
READS="${READS:-300}"
HEAP="${HEAP:-256m}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/audit.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"
TARGET_COST_PCT=5
TARGET_READ_P99_MS=50

API_KEY="tg_bench_0123456789abcdefghijklmnopqrstuv"
JAR="$root/bootstrap/target/tollgate.jar"
LOAD=(java -cp "$JAR" "$root/bench/audit/AuditLoad.java")

work="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-audit.XXXXXX")"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
prepare_single_tollgate_run "$JAR"
BASE="http://127.0.0.1:$HTTP_PORT"
JDBC="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres"
commit="$(git -C "$root" rev-parse --short HEAD)"
tree="$(git_tree_state)"

get() { awk -F= -v k="$2" '$1 == k { print substr($0, length(k) + 2) }' "$work/$1.txt"; }
phase() { # name mode args...: the load generator's key=value output kept in $work/<name>.txt
  local name="$1"; shift
  log "phase $name: $*"
  "${LOAD[@]}" "$@" base="$BASE" key="$API_KEY" jdbc="$JDBC" pwfile="$work/data/embedded-db-password" | tee "$work/$name.txt" >&2
}
start_with() { # audit on|off
  local opts="-Xmx$HEAP"
  [ "$1" = "off" ] && opts="$opts -Dtollgate.audit.enabled=false"
  JAVA_OPTS="$opts" start_tollgate "$JAR"
}

# --- 1. what recording costs the writes -----------------------------------------------------------------------------
start_with on
phase org org
org_id="$(get org org_id)"; org_uuid="$(get org org_uuid)"; slug="$(get org slug)"
# The benchmark creates thousands of projects: lift the tier's project limit through the operator's route.
status="$(curl -sS -o "$work/limits.json" -w '%{http_code}' -X POST "$BASE/v1/internal/enterprise-plan" \
  -H "X-Internal-Secret: $BENCH_INTERNAL_SECRET" -H 'Content-Type: application/json' \
  -d '{"org_id":"demo","billing_provider":"manual","max_projects":100000000}')"
[ "$status" = 200 ] || die "lifting the project limit answered $status: $(cat "$work/limits.json")"
for op in apikey project; do
  phase "${op}_warm" writes op="$op" org="$org_id" threads="$THREADS" seconds=5 upstreamPort=6543 >/dev/null
done
stop_tollgate
for r in $(seq 1 "$ROUNDS"); do
  for state in on off; do
    start_with "$state"
    for op in apikey project; do # after each start, the JIT warms up unmeasured
      phase "${op}_${state}_${r}_warm" writes op="$op" org="$org_id" threads="$THREADS" seconds="$WARM_SECONDS" upstreamPort=6543 >/dev/null
    done
    for op in apikey project; do
      phase "${op}_${state}_$r" writes op="$op" org="$org_id" threads="$THREADS" seconds="$SECONDS_PER_PHASE" upstreamPort=6543
    done
    stop_tollgate
  done
done

# --- 2. reads and export over $ENTRIES entries ----------------------------------------------------------------------
start_with on
phase seed seed entries="$ENTRIES" orgUuid="$org_uuid"
phase reads reads slug="$slug" requests="$READS" warmup=30
heap_samples="$work/heap.txt"
( while kill -0 "$app_pid" 2>/dev/null; do
    jstat -gc "$app_pid" 2>/dev/null | awk 'NR == 2 { printf "%.0f\n", ($3 + $4 + $6 + $8) * 1024 }'
    sleep 0.2
  done ) >"$heap_samples" &
sampler=$!
sleep 1
heap_before="$(tail -n 1 "$heap_samples")"
phase export export slug="$slug"
heap_peak="$(sort -n "$heap_samples" | tail -n 1)"
kill "$sampler" 2>/dev/null || true
stop_tollgate

# --- 3. summary -----------------------------------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
block="$work/block.md"
{
  echo "<!-- bench:audit:results:begin (written by bench/audit/run.sh; edit outside the markers) -->"
  echo "## Latest results"
  echo
  echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit \`$commit\`, working tree $tree"
  echo "- Machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; Java \`$(java -version 2>&1 | head -n 1)\`"
  echo "- Run: \`ENTRIES=$ENTRIES SECONDS_PER_PHASE=$SECONDS_PER_PHASE ROUNDS=$ROUNDS WARM_SECONDS=$WARM_SECONDS THREADS=$THREADS READS=$READS HEAP=$HEAP bench/audit/run.sh\`"
  echo
  echo "**Recording cost** ($THREADS writers through the HTTP API, $ROUNDS round(s) of $SECONDS_PER_PHASE s; \"off\" is the same jar with"
  echo "\`-Dtollgate.audit.enabled=false\`; medians of the rounds):"
  echo
  echo "| Operation | ops/s, log on | ops/s, log off | Cost | p99 on (ms) | p99 off (ms) | Target ≤ ${TARGET_COST_PCT} % |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  for op in apikey project; do
    on="$(for r in $(seq 1 "$ROUNDS"); do get "${op}_on_$r" ops_per_s; done | median)"
    off="$(for r in $(seq 1 "$ROUNDS"); do get "${op}_off_$r" ops_per_s; done | median)"
    p99on="$(for r in $(seq 1 "$ROUNDS"); do get "${op}_on_$r" p99_ms; done | median)"
    p99off="$(for r in $(seq 1 "$ROUNDS"); do get "${op}_off_$r" p99_ms; done | median)"
    cost="$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.1f", (1 - a / b) * 100 }')"
    verdict="$(awk -v c="$cost" -v t="$TARGET_COST_PCT" 'BEGIN { print (c <= t ? "met" : "**missed**") }')"
    label="API key creation"; [ "$op" = project ] && label="Project creation"
    echo "| $label | $on | $off | $cost % | $p99on | $p99off | $verdict |"
  done
  echo
  echo "Failed writes: $(cat "$work"/*_on_?.txt "$work"/*_off_?.txt | awk -F= '$1 == "failures" { s += $2 } END { print s + 0 }')."
  echo
  echo "**Reads** over $(get seed rows) entries of one organization (seeded in $(get seed seed_seconds) s; table with indexes"
  echo "$(awk -v b="$(get seed table_bytes)" 'BEGIN { printf "%.0f MB", b / 1e6 }')), $READS sequential requests per filter:"
  echo
  echo "| Filter | Request | Entries answered | p50 (ms) | p99 (ms) | Target p99 ≤ ${TARGET_READ_P99_MS} ms |"
  echo "|---|---|---:|---:|---:|---|"
  grep '^read\..*\.path=' "$work/reads.txt" | while IFS= read -r line; do
    key="${line#read.}"; key="${key%%.path=*}"
    p99="$(get reads "read.$key.p99_ms")"
    verdict="$(awk -v p="$p99" -v t="$TARGET_READ_P99_MS" 'BEGIN { print (p <= t ? "met" : "**missed**") }')"
    echo "| $key | \`$(get reads "read.$key.path")\` | $(get reads "read.$key.entries") | $(get reads "read.$key.p50_ms") | $p99 | $verdict |"
  done
  echo
  echo "**CSV export** of all $(get seed rows) entries: $(get export export_lines) lines, $(awk -v b="$(get export export_bytes)" 'BEGIN { printf "%.0f MB", b / 1e6 }')"
  echo "in $(get export export_seconds) s ($(get export export_rows_per_s) rows/s), Tollgate at \`-Xmx$HEAP\`; heap in use (jstat, every 0.2 s):"
  echo "$(awk -v b="$heap_before" 'BEGIN { printf "%.0f MB", b / 1e6 }') before, peak $(awk -v b="$heap_peak" 'BEGIN { printf "%.0f MB", b / 1e6 }') while it streamed."
  echo "<!-- bench:audit:results:end -->"
} >"$block"
cat "$block" >&2
if [ "$WRITE_RESULTS" = "1" ]; then
  write_results_block audit "$block" "$RESULTS_FILE" "Audit log performance"
fi
