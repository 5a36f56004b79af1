#!/usr/bin/env bash
# Webhook delivery benchmark (issue 17, ADR 0048): Tollgate's delivery engine sending signed php-tenant webhooks to a
# loopback sink that verifies every signature, beside the same signed POSTs sent straight to a sink in the same run.
#
#   bench/webhooks/run.sh                         # full run (~5 min): 60 s sustained at 2,000 deliveries/s, then a kill -9 run
#   SMOKE=1 bench/webhooks/run.sh                 # quick smoke run (~2 min): 15 s phases, WRITE_RESULTS=0 unless set
#   flock /tmp/maven.lock bench/webhooks/run.sh   # the real measurement: no Maven build meanwhile
#
# Phases (the load generator bench/webhooks/WebhookLoad.java, the sink, Tollgate and PostgreSQL share the machine):
#   0. the demo organization (admin API key) is made a billing partner, gets $WEBHOOKS php-tenant webhooks subscribed to
#      boost_activated (all aimed at the sink, one signing secret the sink knows) and the pro tier (a package
#      provisioned to its own admin), whose metered queries_per_day entitlement takes the boosts;
#   1. sustained (after $WARMUP s of the same load from the same load process, not measured): the operator grants boosts at $RATE/$WEBHOOKS per second for $SECONDS_ s, each grant one
#      boost_activated event fanned out to $WEBHOOKS deliveries (outbox → queue → worker → sink). The
#      sink verifies every request with Standard Webhooks' reference verifier (standardwebhooks 1.1.0) and records the
#      delay from the event (its occurred_at, written in the transaction that changed the package) to the first arrival
#      of each webhook-id: enqueue → first attempt, plus the outbox hop in front of it;
#   2. crash: the same load for $SECONDS_ s on a fresh sink; Tollgate is killed with SIGKILL halfway and restarted on the same data
#      while the load goes on (grants refused while it is down are not counted); every grant Tollgate confirmed must
#      reach the sink for each webhook at least once, and every duplicate must carry the webhook-id of the first;
#   3. reference: $DIRECT signed POSTs straight to a fresh sink from $CONCURRENCY async clients (no queue, no database).
#
# Environment (all optional): RATE=2000 (deliveries/s), WEBHOOKS=100, SECONDS_=60, DIRECT=120000, CONCURRENCY=64, THREADS=4, WARMUP=15 (s),
# CRASH=1, SMOKE=1, JAVA_OPTS=, RESULTS_FILE=docs/perf/webhooks.md, WRITE_RESULTS=0 to only print, KEEP_WORKDIR=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

SMOKE="${SMOKE:-0}"
if [ "$SMOKE" = "1" ]; then
  SECONDS_="${SECONDS_:-15}"; DIRECT="${DIRECT:-20000}"; WRITE_RESULTS="${WRITE_RESULTS:-0}"
fi
RATE="${RATE:-2000}"
WEBHOOKS="${WEBHOOKS:-100}"
SECONDS_="${SECONDS_:-60}"
DIRECT="${DIRECT:-120000}"
CONCURRENCY="${CONCURRENCY:-64}"
THREADS="${THREADS:-4}"
WARMUP="${WARMUP:-15}"
CRASH="${CRASH:-1}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/webhooks.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"
TARGET_RATE=2000
TARGET_P99_MS=200

API_KEY="tg_bench_0123456789abcdefghijklmnopqrstuv"
SECRET="bench-webhook-signing-secret-0123456789abcdef"
JAR="${JAR:-$root/bootstrap/target/tollgate.jar}"
# Loopback is where the sink listens: the operator allows it. A short lease so that what was in flight at the kill is
# sent again soon after the restart (the lease must outlast the request timeout).
ENGINE_OPTS="-Dtollgate.webhooks.allowed-targets=127.0.0.0/8 -Dtollgate.webhooks.request-timeout=5s -Dtollgate.webhooks.lease=10s"
base_java_opts="${JAVA_OPTS:-}"

base="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-webhooks.XXXXXX")"
work="$base/main"
mkdir -p "$work"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
prepare_single_tollgate_run "$JAR"
sink_pid=""
trap 'rc=$?; [ -z "$sink_pid" ] || kill "$sink_pid" 2>/dev/null || true; work="$base"; (exit $rc); _single_tollgate_cleanup' EXIT

verifier_jar="$(ls "$HOME"/.m2/repository/com/standardwebhooks/standardwebhooks/1.1.0/standardwebhooks-1.1.0.jar 2>/dev/null || true)"
if [ -z "$verifier_jar" ]; then
  log "fetching the standardwebhooks verifier (./mvnw dependency:get)"
  ./mvnw -B -q dependency:get -Dartifact=com.standardwebhooks:standardwebhooks:1.1.0
  verifier_jar="$HOME/.m2/repository/com/standardwebhooks/standardwebhooks/1.1.0/standardwebhooks-1.1.0.jar"
fi
mkdir -p "$base/classes"
javac -nowarn -cp "$verifier_jar:$JAR" -d "$base/classes" "$root/bench/webhooks/WebhookLoad.java" 2>"$base/javac.log" \
  || { cat "$base/javac.log" >&2; exit 1; }
LOAD=(java -cp "$base/classes:$verifier_jar:$JAR" WebhookLoad)
BASE="http://127.0.0.1:$HTTP_PORT"
SINK_PORT="$(free_port "$HTTP_PORT" "$DB_PORT" "$PROXY_PORT")"
SINK="http://127.0.0.1:$SINK_PORT/hooks"

get() { awk -F= -v k="$2" '$1 == k { print substr($0, length(k) + 2) }' "$base/$1.txt"; }
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# start_sink NAME: a fresh sink (counters at zero) on $SINK_PORT, writing $base/NAME.txt.
start_sink() {
  [ -z "$sink_pid" ] || { kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; }
  "${LOAD[@]}" sink port="$SINK_PORT" secret="$SECRET" out="$base/$1.txt" >"$base/$1.log" 2>&1 &
  sink_pid=$!
  for _ in $(seq 1 100); do grep -q '^sink=' "$base/$1.log" 2>/dev/null && break; sleep 0.1; done
  grep -q '^sink=' "$base/$1.log" || die "the sink did not start: $(cat "$base/$1.log")"
}

# await_sink NAME EXPECTED TIMEOUT: until the sink has EXPECTED distinct webhook-ids (or TIMEOUT s passed).
await_sink() {
  local waited=0
  while [ "$waited" -lt "$3" ]; do
    [ "$(get "$1" unique 2>/dev/null || echo 0)" -ge "$2" ] 2>/dev/null && return 0
    sleep 1; waited=$((waited + 1))
  done
  log "the sink had $(get "$1" unique) of $2 after $3 s"
}

events_per_s="$(awk -v r="$RATE" -v w="$WEBHOOKS" 'BEGIN { printf "%.2f", r / w }')"

# --- phase 0: the demo organization becomes a partner with webhooks --------------------------------------------------------
JAVA_OPTS="$base_java_opts $ENGINE_OPTS"
start_tollgate "$JAR"
org="$(curl -fsS -H "Authorization: Bearer $API_KEY" "$BASE/v1/organizations" | grep -o '"id":"org_[^"]*"' | head -n 1 | cut -d'"' -f4)"
[ -n "$org" ] || die "no organization for the admin key"
stop_tollgate
JAVA_OPTS="$base_java_opts $ENGINE_OPTS -Dtollgate.provisioning.partners=$org"
start_tollgate "$JAR"
start_sink sustained
log "setup: $WEBHOOKS webhooks to $SINK, a package for the admin"
"${LOAD[@]}" setup base="$BASE" key="$API_KEY" operator="$BENCH_INTERNAL_SECRET" webhooks="$WEBHOOKS" sink="$SINK" secret="$SECRET" \
  email="admin@tollgate.local" | tee "$base/setup.txt" >&2
load_args=(base="$BASE" operator="$BENCH_INTERNAL_SECRET" org="$(get setup org)" entitlement="$(get setup entitlement)" rate="$events_per_s"
  seconds="$SECONDS_" threads="$THREADS")

# sample_metrics FILE: Tollgate's queue and outbox figures every 2 s once the measured phase began (stopped by killing it).
sample_metrics() {
  while true; do
    [ -f "$base/measuring" ] || { sleep 0.2; continue; }
    curl -fsS -H "X-Internal-Secret: $BENCH_INTERNAL_SECRET" "$BASE/metrics" 2>/dev/null \
      | grep -E '^tollgate_webhooks_(queue|in_flight)|^tollgate_outbox_(lag|backlog).*webhooks' | sed "s/^/$(date +%T) /" >>"$1" || true
    sleep 2
  done
}

# --- phase 1: sustained, after a warm-up ---------------------------------------------------------------------------------
# The warm-up ($WARMUP s of the same load, not measured: JIT, connection pools, PostgreSQL's caches) runs in the same load
# process as the measured phase, so the load generator is warm too: a fresh JVM starting beside Tollgate on these two
# cores would take its first seconds of CPU from the engine being measured. The load waits until the sink has every
# warm-up delivery, resets the sink's counters (the same warm sink, counting from zero), and creates $base/measuring.
log "phase sustained: $events_per_s grants/s × $WEBHOOKS webhooks for $SECONDS_ s, after $WARMUP s of the same load (not measured)"
sample_metrics "$base/metrics.txt" &
sampler=$!
"${LOAD[@]}" load "${load_args[@]}" warmup="$WARMUP" webhooks="$WEBHOOKS" sink_stats="$base/sustained.txt" \
  sink_reset="http://127.0.0.1:$SINK_PORT/_reset" measuring="$base/measuring" | tee "$base/load.txt" >&2
kill "$sampler" 2>/dev/null || true
expected=$(( $(get load events_confirmed) * WEBHOOKS ))
await_sink sustained "$expected" 120
sleep 1
cp "$base/sustained.txt" "$base/sustained_final.txt"
cat "$base/sustained_final.txt" >&2
max_due="$(awk '/tollgate_webhooks_queue_due/ { if ($3 > m) m = $3 } END { printf "%d", m }' "$base/metrics.txt" 2>/dev/null || echo n/a)"
max_outbox_lag="$(awk '/tollgate_outbox_lag_seconds/ { if ($3 > m) m = $3 } END { printf "%.1f", m }' "$base/metrics.txt" 2>/dev/null || echo n/a)"
[ "${SHOW_METRICS:-0}" = "1" ] && cat "$base/metrics.txt" >&2

# --- phase 2: crash ---------------------------------------------------------------------------------------------------------
if [ "$CRASH" = "1" ]; then
  start_sink crash
  log "phase crash: the same load, SIGKILL after $((SECONDS_ / 2)) s, restart on the same data"
  "${LOAD[@]}" load "${load_args[@]}" >"$base/crash_load.txt" &
  loader=$!
  sleep "$((SECONDS_ / 2))"
  log "kill -9 Tollgate (pid $app_pid)"
  kill -KILL "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  killed_unique="$(get crash unique)"
  start_tollgate "$JAR"
  wait "$loader"
  cat "$base/crash_load.txt" >&2
  crash_expected=$(( $(get crash_load events_confirmed) * WEBHOOKS ))
  await_sink crash "$crash_expected" 180
  sleep 2
  cp "$base/crash.txt" "$base/crash_final.txt"
  cat "$base/crash_final.txt" >&2
fi
stop_tollgate

# --- phase 3: reference -----------------------------------------------------------------------------------------------------
start_sink direct_sink
log "reference: $DIRECT signed POSTs straight to the sink, $CONCURRENCY in flight"
"${LOAD[@]}" direct sink="$SINK" secret="$SECRET" count="$DIRECT" concurrency="$CONCURRENCY" 2>/dev/null | tee "$base/direct.txt" >&2
sleep 1
kill "$sink_pid" 2>/dev/null || true; sink_pid=""

# --- summary ------------------------------------------------------------------------------------------------------------------
s_unique="$(get sustained_final unique)"
s_span_ms=$(( $(get sustained_final last_ms) - $(get sustained_final first_ms) ))
s_rate="$(awk -v n="$s_unique" -v ms="$s_span_ms" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms; else print 0 }')"
s_lost=$(( expected > s_unique ? expected - s_unique : 0 ))
rate_verdict="$(awk -v r="$s_rate" -v t="$TARGET_RATE" 'BEGIN { print (r >= t) ? "met" : "MISSED" }')"
p99_verdict="$(awk -v p="$(get sustained_final latency_p99_ms)" -v t="$TARGET_P99_MS" 'BEGIN { print (p <= t) ? "met" : "MISSED" }')"
summary="$(cat <<EOT
**1. Sustained delivery**: $(get load events_confirmed) boosts granted in $SECONDS_ s ($(get load events_per_s)/s of $events_per_s/s asked; $(get load events_not_sent) not sent because the API was slower), each \`boost_activated\` fanned out to $WEBHOOKS webhooks

| Measure | Value |
|---|---:|
| Deliveries expected / received (distinct webhook-id) / lost | $expected / $s_unique / $s_lost |
| **Delivery rate at the sink** (distinct ids ÷ first → last arrival) | **$s_rate /s** (target ≥ $TARGET_RATE: $rate_verdict) |
| Event → first arrival p50 / **p99** / max (ms) | $(get sustained_final latency_p50_ms) / **$(get sustained_final latency_p99_ms)** / $(get sustained_final latency_max_ms) (p99 target ≤ $TARGET_P99_MS: $p99_verdict) |
| Signatures refused by the sink's verifier / duplicate arrivals | $(get sustained_final bad_signatures) / $(get sustained_final duplicates) |
| Most deliveries due and waiting / largest outbox lag of the webhook consumers (sampled every 2 s) | $max_due / $max_outbox_lag s |
| Reference: the same signed POSTs straight to a sink ($CONCURRENCY in flight) | $(get direct direct_per_s) /s |
| Ratio of Tollgate's delivery rate to the reference | $(ratio "$s_rate" "$(get direct direct_per_s)") |
EOT
)"
if [ "$CRASH" = "1" ]; then
  c_unique="$(get crash_final unique)"
  c_lost=$(( crash_expected > c_unique ? crash_expected - c_unique : 0 ))
  crash_verdict="ok"
  [ "$c_lost" = "0" ] || crash_verdict="FAILED ($c_lost lost)"
  [ "$(get crash_final bad_signatures)" = "0" ] || crash_verdict="$crash_verdict; $(get crash_final bad_signatures) bad signatures"
  summary="$summary

**2. kill -9 mid-run**: SIGKILL after $((SECONDS_ / 2)) s (the sink had $killed_unique deliveries), restart on the same data, load going on

| Measure | Value |
|---|---:|
| Grants confirmed / refused while Tollgate was down | $(get crash_load events_confirmed) / $(get crash_load events_failed) |
| Deliveries expected / received (distinct webhook-id) / lost | $crash_expected / $c_unique / $c_lost |
| Duplicate arrivals (each with the webhook-id of its first arrival) | $(get crash_final duplicates) |
| Verdict | $crash_verdict |"
fi
echo
echo "== Webhook benchmark =="
echo "$summary"

if [ "$WRITE_RESULTS" = "1" ]; then
  block="$base/block.md"
  {
    echo "<!-- bench:webhooks:results:begin (written by bench/webhooks/run.sh; edits inside this block are overwritten) -->"
    echo "## Latest results"
    echo
    echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- Commit: \`$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)\`, working tree $(git_tree_state)"
    echo "- Machine: $(nproc) CPUs ($(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; the load generator, the sink, Tollgate and PostgreSQL share these CPUs"
    echo "- Java: \`$(java -version 2>&1 | head -n 1)\`"
    echo "- Run: \`$( [ "$SMOKE" = "1" ] && echo "SMOKE=1 " )RATE=$RATE WEBHOOKS=$WEBHOOKS SECONDS_=$SECONDS_ DIRECT=$DIRECT CONCURRENCY=$CONCURRENCY CRASH=$CRASH bench/webhooks/run.sh\`"
    echo
    echo "$summary"
    echo
    echo "<details><summary>Raw output</summary>"
    echo
    echo '```'
    for f in setup load sustained_final crash_load crash_final direct; do
      [ -f "$base/$f.txt" ] || continue
      echo "# $f"; cat "$base/$f.txt"; echo
    done
    echo '```'
    echo
    echo "</details>"
    echo "<!-- bench:webhooks:results:end -->"
  } >"$block"
  write_results_block webhooks "$block" "$RESULTS_FILE" "Webhook delivery performance"
  log "results written to $RESULTS_FILE"
fi
