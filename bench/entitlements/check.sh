#!/usr/bin/env bash
# Entitlements benchmark, check part (issue 5):
#   1. the in-process check (JMH, bench/entitlements/jmh): AllowanceCache over 10,000 customers x 50 features, 20 %
#      metered, against one ConcurrentHashMap.get as the reference; target p99 <= 5 us;
#   2. php-tenant's checkEntitlement over HTTP with an API key (a metered feature, answered from memory), against
#      GET /v1/health on the same Tollgate as the reference: closed-loop maximum with wrk (target >= 5,000 req/s) and a
#      constant 2,000 req/s with bench/entitlements/ConstantRate.java, latency counted from each request's scheduled
#      instant (target p99 <= 5 ms).
# Writes its block into docs/perf/entitlements.md (the proxy part, bench/entitlements/run.sh, keeps its own).
#
#   bench/entitlements/check.sh                                  # ~4 min
#   DURATION=5s RATE_SECONDS=5 JMH_ARGS="-wi 1 -i 1" bench/entitlements/check.sh   # quick smoke run
#   flock /tmp/tollgate-mvn.lock bench/entitlements/check.sh     # the real measurement: no Maven build meanwhile
#
# Environment (all optional): DURATION=30s (wrk), WARMUP=10s, CONNECTIONS=50, RATE=2000, RATE_SECONDS=30,
# RATE_CONNECTIONS=16, JMH_ARGS (extra JMH options), JAVA_OPTS, RESULTS_FILE, WRITE_RESULTS=0 to only print.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
RATE="${RATE:-2000}"
RATE_SECONDS="${RATE_SECONDS:-30}"
RATE_CONNECTIONS="${RATE_CONNECTIONS:-16}"
JMH_ARGS="${JMH_ARGS:-}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/entitlements.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"
TARGET_JMH_P99_US=5
TARGET_RPS=5000
TARGET_RATE_P99_MS=5

API_KEY="tg_bench_0123456789abcdefghijklmnopqrstuv"
CHECK_PATH="/api/v1/entitlements/check?email=admin%40tollgate.local&feature=queries_per_day"
HEALTH_PATH="/v1/health"
JAR="$root/bootstrap/target/tollgate.jar"
JMH_JAR="$root/bench/entitlements/jmh/target/benchmarks.jar"

work="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-check.XXXXXX")"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
prepare_single_tollgate_run "$JAR"
BASE="http://127.0.0.1:$HTTP_PORT"

# --- 1. in-process check (JMH), before Tollgate starts so it has the machine to itself -------------------------------
log "compiling the entitlements module of this tree for the JMH build (./mvnw -B -q compile -pl modules/entitlements -am)"
./mvnw -B -q compile -pl modules/entitlements -am
log "building the JMH benchmark (bench/entitlements/jmh) on those classes"
./mvnw -B -q -f bench/entitlements/jmh/pom.xml clean package
log "running JMH: EntitlementCheckBenchmark ${JMH_ARGS}"
# shellcheck disable=SC2086 # JMH_ARGS is a list of options
java -jar "$JMH_JAR" EntitlementCheckBenchmark $JMH_ARGS 2>&1 | tee "$work/jmh.txt" >&2
# The score: the number before "±" on a line that has an error (throughput), else the last number on it.
jmh_value() { awk -v name="$1" -v mode="$2" '$1 == name && $0 ~ mode { for (i = 2; i <= NF; i++) if ($i == "±") { print $(i - 1); exit }
  for (i = NF; i > 0; i--) if ($i ~ /^[0-9.]+$/) { print $i; exit } }' "$work/jmh.txt"; }
j_p50="$(jmh_value 'EntitlementCheckBenchmark.check:p0.50' sample)"
j_p99="$(jmh_value 'EntitlementCheckBenchmark.check:p0.99' sample)"
j_p999="$(jmh_value 'EntitlementCheckBenchmark.check:p0.999' sample)"
j_ops="$(jmh_value 'EntitlementCheckBenchmark.check' thrpt)"
r_p50="$(jmh_value 'EntitlementCheckBenchmark.referenceSingleMapGet:p0.50' sample)"
r_p99="$(jmh_value 'EntitlementCheckBenchmark.referenceSingleMapGet:p0.99' sample)"
r_ops="$(jmh_value 'EntitlementCheckBenchmark.referenceSingleMapGet' thrpt)"
[ -n "$j_p99" ] && [ -n "$r_p99" ] || die "could not read the JMH results"

# --- 2. over HTTP ---------------------------------------------------------------------------------------------------
start_tollgate "$JAR"
status="$(curl -s -o "$work/check.json" -w '%{http_code}' -H "Authorization: Bearer $API_KEY" "$BASE$CHECK_PATH")"
[ "$status" = "200" ] || die "GET $CHECK_PATH answered $status: $(cat "$work/check.json")"
grep -q '"allowed":true' "$work/check.json" || die "the check did not allow: $(cat "$work/check.json")"

wrk_max() { wrk -t2 "-c$CONNECTIONS" "-d$1" --latency "${@:2}"; }
if [ "$WARMUP" != "0" ] && [ "$WARMUP" != "0s" ]; then
  log "warm-up $WARMUP each"
  wrk_max "$WARMUP" "$BASE$HEALTH_PATH" >/dev/null
  wrk_max "$WARMUP" -H "Authorization: Bearer $API_KEY" "$BASE$CHECK_PATH" >/dev/null
fi
log "closed-loop maximum, $DURATION each (wrk -t2 -c$CONNECTIONS)"
wrk_max "$DURATION" "$BASE$HEALTH_PATH" | tee "$work/health-max.txt" >&2
wrk_max "$DURATION" -H "Authorization: Bearer $API_KEY" "$BASE$CHECK_PATH" | tee "$work/check-max.txt" >&2

constant_rate() { java "$root/bench/entitlements/ConstantRate.java" "url=$1" "rate=$RATE" "seconds=$RATE_SECONDS" "connections=$RATE_CONNECTIONS" "${@:2}"; }
log "constant $RATE req/s for $RATE_SECONDS s each ($RATE_CONNECTIONS connections)"
constant_rate "$BASE$HEALTH_PATH" | tee "$work/health-rate.txt" >&2
constant_rate "$BASE$CHECK_PATH" "key=$API_KEY" | tee "$work/check-rate.txt" >&2
stop_tollgate

rps_of() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
non2xx_of() { awk -F': *' '/Non-2xx or 3xx responses/ { print $2; f = 1 } END { if (!f) print 0 }' "$1"; }
kv() { awk -F= -v k="$2" '$1 == k { print $2 }' "$1"; }
h_rps="$(rps_of "$work/health-max.txt")"; c_rps="$(rps_of "$work/check-max.txt")"
c_non2xx="$(non2xx_of "$work/check-max.txt")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "MISSED"; fi; }
ok_jmh="$(awk -v p="$j_p99" -v t="$TARGET_JMH_P99_US" 'BEGIN { print (p <= t) ? 1 : 0 }')"
ok_rps="$(awk -v r="$c_rps" -v t="$TARGET_RPS" 'BEGIN { print (r >= t) ? 1 : 0 }')"
c_rate_p99="$(kv "$work/check-rate.txt" p99_ms)"
ok_rate="$(awk -v p="$c_rate_p99" -v t="$TARGET_RATE_P99_MS" 'BEGIN { print (p <= t) ? 1 : 0 }')"
rate_row() { echo "| $1 | $(kv "$2" achieved_rps) | $(kv "$2" p50_ms) | $(kv "$2" p90_ms) | $(kv "$2" p99_ms) | $(kv "$2" p99.9_ms) | $(kv "$2" max_ms) | $(kv "$2" requests) | $(kv "$2" failures) |"; }

summary="$(cat <<EOF
**In-process check** (JMH, 10,000 customers × 50 features, 20 % metered, 2 threads; µs per operation):

| Benchmark | p50 (µs) | p99 (µs) | p99.9 (µs) | ops/µs |
|---|---:|---:|---:|---:|
| \`AllowanceCache.get\` + \`allows\` | $j_p50 | $j_p99 | $j_p999 | $j_ops |
| reference: one \`ConcurrentHashMap.get\` | $r_p50 | $r_p99 | | $r_ops |

**checkEntitlement over HTTP** (API key, metered feature), closed-loop maximum (wrk -t2 -c$CONNECTIONS, $DURATION):

| Endpoint | Requests/sec | Non-2xx |
|---|---:|---:|
| \`GET $HEALTH_PATH\` (reference) | $h_rps | $(non2xx_of "$work/health-max.txt") |
| \`GET /api/v1/entitlements/check\` | $c_rps | $c_non2xx |

Ratio check / health: **$(ratio "$c_rps" "$h_rps")**

At a constant $RATE req/s ($RATE_SECONDS s, $RATE_CONNECTIONS connections; latency from each request's scheduled instant):

| Endpoint | achieved req/s | p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | requests | failures |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
$(rate_row "\`GET $HEALTH_PATH\` (reference)" "$work/health-rate.txt")
$(rate_row "\`GET /api/v1/entitlements/check\`" "$work/check-rate.txt")

| Target | Measured | Verdict |
|---|---|---|
| In-process check p99 ≤ $TARGET_JMH_P99_US µs | $j_p99 µs | $(verdict "$ok_jmh") |
| checkEntitlement ≥ $TARGET_RPS req/s | $c_rps req/s | $(verdict "$ok_rps") |
| checkEntitlement p99 ≤ $TARGET_RATE_P99_MS ms at $RATE req/s | $c_rate_p99 ms | $(verdict "$ok_rate") |
EOF
)"
echo "$summary"

if [ "$WRITE_RESULTS" = "1" ]; then
  block="$work/block.md"
  {
    echo "<!-- bench:entitlements-check:results:begin (written by bench/entitlements/check.sh; edits inside are overwritten) -->"
    echo "## Checks: in process and over HTTP"
    echo
    echo "- Run: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit \`$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)\`, tree $(git_tree_state)"
    echo "- Machine: $(nproc) CPUs ($(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); load generators and Tollgate share it"
    echo "- Java: \`$(java -version 2>&1 | head -n 1)\`${JAVA_OPTS:+, JAVA_OPTS=\`$JAVA_OPTS\`}"
    echo "- Command: \`bench/entitlements/check.sh\` (DURATION=$DURATION, RATE=$RATE, RATE_SECONDS=$RATE_SECONDS${JMH_ARGS:+, JMH_ARGS=\"$JMH_ARGS\"})"
    echo
    echo "$summary"
    echo
    echo "<!-- bench:entitlements-check:results:end -->"
  } >"$block"
  write_results_block entitlements-check "$block" "$RESULTS_FILE" "Entitlements benchmark"
fi
