#!/usr/bin/env bash
# Billing benchmark: the invoice engine measured through Tollgate's HTTP API and its invoice worker, each figure beside
# the same work done in PostgreSQL directly or checked against totals computed from the raw events, in one run.
#
#   bench/billing/run.sh                        # full run (~20 min): 1 M live events, 10,000 customers / 10 M events, crash run
#   SMOKE=1 bench/billing/run.sh                # quick smoke run (~4 min): small sizes, WRITE_RESULTS=0 unless set
#   flock /tmp/maven.lock bench/billing/run.sh  # the real measurement: no Maven build meanwhile
#
# Phases (the load generator bench/billing/BillingLoad.java shares the machine with Tollgate and PostgreSQL):
#   1. live pricing: one customer with 10 usage-based pending lines (unit, graduated, volume, package, dynamic, with
#      percentage and usage discounts, minimum and maximum spend) over $LIVE_EVENTS events in the running period.
#      p50/p99 of GET /api/v1/billing/invoices/{gathering id} (priced live from the meters) and of POST
#      .../invoices/simulate with the same lines and quantities, beside the raw SQL that sums the same events for the
#      10 lines (JDBC); every line's total is checked to the cent against an independent computation.
#   2. period end: a plan (5 usage-based rate cards + 1 flat fee in arrears, monthly) created and published through
#      the API, $CUSTOMERS customers each subscribed to it through the API (createSubscription; SubscriptionLineSync
#      plans their first period's lines), then backdated with SQL (the API refuses a start more than 2 minutes back)
#      so that the first period ended ~10 days ago; $EVENTS events loaded with SQL. Tollgate is restarted with the
#      invoice worker every 1 s and first runs the period end of $WARM_CUSTOMERS warm-up subscriptions (its cold round,
#      reported apart); then the measured subscriptions are backdated while it runs, so their period ends at that
#      commit: the round plans the second period's lines and invoices the first period's; the time until every
#      invoice is paid (sandbox) is measured on the database's clock; then counts, duplicates and every stored total
#      are verified against totals computed from the raw events and the rate cards' prices.
#   3. crash safety: the same on a fresh data directory with $CRASH_CUSTOMERS customers; Tollgate is killed with
#      SIGKILL once some but not all invoices exist, restarted on the same data directory, and must finish with no
#      invoice or line twice and every total right.
#
# Environment (all optional): CUSTOMERS=10000, EVENTS=10000000, LIVE_EVENTS=1000000, SAMPLES=20 and WARMUP=2 (GET and
# SQL: each GET reads the 1 M events ten times, seconds apiece), SIM_SAMPLES=500 and SIM_WARMUP=50 (simulate),
# CRASH_CUSTOMERS=2000, CRASH_EVENTS=2000000, CRASH=1 (0 skips phase 3), AWAIT_TIMEOUT=1800 (s), SMOKE=1,
# WARM_CUSTOMERS=CUSTOMERS/10 (the restarted Tollgate's first, cold period end before the measured one; 0 measures
# the cold round itself),
# WORKER_THREADS=2 (tollgate.billing.invoice-worker-threads of the worker's Tollgate),
# PROFILE=1 (JFR on the period-end Tollgate: where the worker's thread spends its time; 0 without),
# JAVA_OPTS= (Tollgate's JVM), RESULTS_FILE=docs/perf/billing.md, WRITE_RESULTS=0 to only print, KEEP_WORKDIR=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

SMOKE="${SMOKE:-0}"
if [ "$SMOKE" = "1" ]; then
  CUSTOMERS="${CUSTOMERS:-300}"; EVENTS="${EVENTS:-300000}"; LIVE_EVENTS="${LIVE_EVENTS:-100000}"; SAMPLES="${SAMPLES:-10}"
  WARMUP="${WARMUP:-2}"; SIM_SAMPLES="${SIM_SAMPLES:-50}"; SIM_WARMUP="${SIM_WARMUP:-10}"; CRASH_CUSTOMERS="${CRASH_CUSTOMERS:-300}"; CRASH_EVENTS="${CRASH_EVENTS:-300000}"
  WRITE_RESULTS="${WRITE_RESULTS:-0}"
fi
CUSTOMERS="${CUSTOMERS:-10000}"
EVENTS="${EVENTS:-10000000}"
LIVE_EVENTS="${LIVE_EVENTS:-1000000}"
SAMPLES="${SAMPLES:-20}"
WARMUP="${WARMUP:-2}"
SIM_SAMPLES="${SIM_SAMPLES:-500}"
SIM_WARMUP="${SIM_WARMUP:-50}"
CRASH="${CRASH:-1}"
CRASH_CUSTOMERS="${CRASH_CUSTOMERS:-2000}"
CRASH_EVENTS="${CRASH_EVENTS:-2000000}"
AWAIT_TIMEOUT="${AWAIT_TIMEOUT:-1800}"
WARM_CUSTOMERS="${WARM_CUSTOMERS:-$((CUSTOMERS / 10))}"
WARM_EVENTS=$(( EVENTS / CUSTOMERS * WARM_CUSTOMERS ))
PROFILE="${PROFILE:-1}"
WORKER_THREADS="${WORKER_THREADS:-2}"
JAVA_OPTS="${JAVA_OPTS:-}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/billing.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"

TARGET_SIMULATE_P99_MS=100
TARGET_ISSUE_S=60

API_KEY="tg_bench_0123456789abcdefghijklmnopqrstuv"
JAR="${JAR:-$root/bootstrap/target/tollgate.jar}"
# During setup the worker must not run: the period-end lines are due from the start. It starts with the restart.
IDLE_WORKER="-Dtollgate.billing.invoice-worker-delay=100000s"
BUSY_WORKER="-Dtollgate.billing.invoice-worker-delay=1s -Dtollgate.billing.invoice-worker-interval=1s -Dtollgate.billing.invoice-worker-threads=$WORKER_THREADS"

base="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-billing.XXXXXX")"
work="$base/main"
mkdir -p "$work" "$base/crash"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
prepare_single_tollgate_run "$JAR"
# The cleanup removes $work: make it the whole base directory whichever phase fails.
trap 'rc=$?; work="$base"; (exit $rc); _single_tollgate_cleanup' EXIT
BASE="http://127.0.0.1:$HTTP_PORT"
JDBC="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres"
# Compiled once: the source launcher would compile it again for every phase, seconds of CPU at the start of the
# measured round (the poller starts with it).
mkdir -p "$base/classes"
javac -nowarn -cp "$JAR" -d "$base/classes" "$root/bench/billing/BillingLoad.java" 2>"$base/javac.log" || { cat "$base/javac.log" >&2; exit 1; }
LOAD=(java -cp "$JAR:$base/classes" BillingLoad)
base_java_opts="$JAVA_OPTS"

get() { awk -F= -v k="$2" '$1 == k { print substr($0, length(k) + 2) }' "$base/$1.txt"; }
phase() { # name mode args...: runs the load generator, keeps its key=value output in $base/<name>.txt
  local name="$1"; shift
  log "phase $name: $*"
  "${LOAD[@]}" "$@" base="$BASE" key="$API_KEY" jdbc="$JDBC" pwfile="$work/data/embedded-db-password" | tee "$base/$name.txt" >&2
}
now_ms() { date +%s%3N; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# Periods relative to today (UTC): the live period runs from 10 days ago to 20 days ahead, its events in its first 9
# days. The period-end subscriptions are backdated to start about 40 days ago (on a day of the month up to the 28th, so
# "one month later" means the same in Java and GNU date): their first monthly period [pe_from, pe_to) ended about 10
# days ago (the sandbox's collection period is long over) and their second one is running. The events are spread over
# the first period and one day more: one day's worth falls into the second period, which is not invoiced.
today=$(( $(date -u +%s) / 86400 * 86400 ))
live_from="$(iso $((today - 10 * 86400)))"; live_to="$(iso $((today + 20 * 86400)))"
pe_start=$((today - 40 * 86400))
pe_day=$((10#$(date -u -d "@$pe_start" +%d)))
[ "$pe_day" -le 28 ] || pe_start=$((pe_start - (pe_day - 28) * 86400))
pe_end=$(date -u -d "$(iso "$pe_start") + 1 month" +%s)
pe_from="$(iso "$pe_start")"; pe_to="$(iso "$pe_end")"
pe_days=$(( (pe_end - pe_start) / 86400 + 1 ))

# restart_with_worker NAME COUNT PREFIX [await args]: stops Tollgate, starts it again on the same data directory with
# the worker every second, and polls SQL (from the moment the JVM is launched) until COUNT invoices are paid.
restart_with_worker() {
  local name="$1" count="$2" prefix="$3"; shift 3
  [ -z "$app_pid" ] || "${LOAD[@]}" stats jdbc="$JDBC" pwfile="$work/data/embedded-db-password" >"$base/$name.stats" 2>/dev/null || true
  stop_tollgate
  marker="$(basename "$base")-$name"
  JAVA_OPTS="$base_java_opts $BUSY_WORKER -Dbench.instance=$marker"
  if [ "$PROFILE" = "1" ] && { [ "$name" = "period_end" ] || [ "$name" = "warm_up" ]; }; then
    JAVA_OPTS="$JAVA_OPTS -XX:StartFlightRecording=filename=$base/period_end.jfr,settings=profile,dumponexit=true"
  fi
  local launched; launched="$(now_ms)"
  "${LOAD[@]}" await expected="$count" prefix="$prefix" timeout="$AWAIT_TIMEOUT" launchedMs="$launched" marker="$marker" periodEnd="$pe_to" \
    readyFile="$base/$name.ready" "$@" \
    base="$BASE" key="$API_KEY" jdbc="$JDBC" pwfile="$work/data/embedded-db-password" >"$base/$name.txt" &
  local poller=$!
  start_tollgate "$JAR"
  local ready_ms=$(( $(now_ms) - launched ))
  echo "ready_ms=$ready_ms" >"$base/$name.ready"
  wait "$poller" || die "the invoice poller failed"
  cat "$base/$name.ready" >>"$base/$name.txt"
  cat "$base/$name.txt" >&2
}

# --- phases 1 and 2: one Tollgate, one database ---------------------------------------------------------------------
JAVA_OPTS="$base_java_opts $IDLE_WORKER"
start_tollgate "$JAR"
phase setup setup
# From the restart on, PostgreSQL counts per statement (pg_stat_statements): where the database's time goes.
"${LOAD[@]}" statements action=enable jdbc="$JDBC" pwfile="$work/data/embedded-db-password" >/dev/null || log "pg_stat_statements not enabled"

phase live_customer live-customer from="$live_from" to="$live_to"
gathering="$(get live_customer gathering)"
phase live_load load prefix=live customers=1 events="$LIVE_EVENTS" start="$live_from" days=9
phase live live-measure gathering="$gathering" from="$live_from" to="$live_to" samples="$SAMPLES" warmup="$WARMUP" \
  simSamples="$SIM_SAMPLES" simWarmup="$SIM_WARMUP"

phase plan plan plan=pe_plan
phase customers customers count="$CUSTOMERS" prefix=pe plan=pe_plan
phase load load prefix=pe customers="$CUSTOMERS" events="$EVENTS" start="$pe_from" days="$pe_days"
if [ "$WARM_CUSTOMERS" -gt 0 ]; then
  # A node meets a period end warm: the restarted Tollgate first runs the period end of a smaller cohort (its cold
  # round, reported apart), then the measured cohort's period ends while it runs: backdated with SQL, due at the commit.
  phase warm_plan plan plan=pw_plan
  phase warm_customers customers count="$WARM_CUSTOMERS" prefix=pw plan=pw_plan
  phase warm_backdate backdate plan=pw_plan start="$pe_from" end="$pe_to"
  phase warm_load load prefix=pw customers="$WARM_CUSTOMERS" events="$WARM_EVENTS" start="$pe_from" days="$pe_days"
  restart_with_worker warm_up "$WARM_CUSTOMERS" pw
  phase backdate backdate plan=pe_plan start="$pe_from" end="$pe_to" analyze=before statsTo="$base/period_end.stats" resetStatements=1
  phase period_end await expected="$CUSTOMERS" prefix=pe timeout="$AWAIT_TIMEOUT" launchedMs="$(now_ms)" periodEnd="$pe_to" pollMs=1000
else
  phase backdate backdate plan=pe_plan start="$pe_from" end="$pe_to"
  restart_with_worker period_end "$CUSTOMERS" pe
fi
"${LOAD[@]}" stats before="$base/period_end.stats" per="$CUSTOMERS" jdbc="$JDBC" pwfile="$work/data/embedded-db-password" \
  >"$base/dbwork.txt" 2>/dev/null || log "the table statistics failed"
"${LOAD[@]}" statements per="$CUSTOMERS" jdbc="$JDBC" pwfile="$work/data/embedded-db-password" >>"$base/dbwork.txt" 2>/dev/null || true
cat "$base/dbwork.txt" >&2
phase verify verify customers="$CUSTOMERS" prefix=pe from="$pe_from" to="$pe_to"
stop_tollgate
if [ "$PROFILE" = "1" ] && [ -f "$base/period_end.jfr" ]; then
  "${LOAD[@]}" profile jfr="$base/period_end.jfr" >"$base/profile.txt" 2>&1 || log "the JFR summary failed"
  cat "$base/profile.txt" >&2
fi

# --- phase 3: crash safety on a fresh data directory ----------------------------------------------------------------
if [ "$CRASH" = "1" ]; then
  work="$base/crash"
  JAVA_OPTS="$base_java_opts $IDLE_WORKER"
  start_tollgate "$JAR"
  phase crash_setup setup
  phase crash_plan plan plan=pe_plan
  phase crash_customers customers count="$CRASH_CUSTOMERS" prefix=cr plan=pe_plan
  phase crash_backdate backdate plan=pe_plan start="$pe_from" end="$pe_to"
  phase crash_load load prefix=cr customers="$CRASH_CUSTOMERS" events="$CRASH_EVENTS" start="$pe_from" days="$pe_days"
  kill_at=$(( CRASH_CUSTOMERS * 3 / 10 ))
  restart_with_worker crash_kill "$CRASH_CUSTOMERS" cr killAt="$kill_at"
  # The JVM is gone; reap it. Whatever the embedded PostgreSQL does after its parent was killed is left to Tollgate.
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
  pg_left="no"
  if [ -f "$work/data/postgres/postmaster.pid" ] && kill -0 "$(head -n 1 "$work/data/postgres/postmaster.pid")" 2>/dev/null; then
    pg_left="yes (pid $(head -n 1 "$work/data/postgres/postmaster.pid"))"
  fi
  log "Tollgate killed; embedded PostgreSQL still running: $pg_left"
  restart_with_worker crash_finish "$CRASH_CUSTOMERS" cr
  phase crash_verify verify customers="$CRASH_CUSTOMERS" prefix=cr from="$pe_from" to="$pe_to"
  stop_tollgate
fi

# --- summary --------------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = (b > 0) ? a / b : 0; printf (r >= 0.1 ? "%.2f" : "%.2g"), r }'; }
at_most() { awk -v m="$1" -v t="$2" 'BEGIN { print (m <= t && m >= 0) ? "met" : "MISSED" }'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

pe_paid_ms="$(get period_end all_paid_ms)"
pe_first_ms="$(get period_end first_invoice_ms)"
if [ "$WARM_CUSTOMERS" -gt 0 ]; then
  start_rows="| Tollgate restarted with the worker: JVM launch → ready (health check) | $(secs "$(get warm_up ready_ms)") s |
| Its first (cold) round: $WARM_CUSTOMERS warm-up subscriptions, JVM launch → every invoice \`paid\` / first line planned → last \`paid\` | $(secs "$(get warm_up all_paid_ms)") s / $(get warm_up db_span_s) s ($(awk -v n="$WARM_CUSTOMERS" -v s="$(get warm_up db_span_s)" 'BEGIN { printf "%.1f", (s > 0) ? n / s : 0 }') invoices/s) |
| Then the measured period end on the running node: backdating commit → first invoice / → every invoice \`paid\` (SQL poll every 1 s) | $(secs "$pe_first_ms") s / $(secs "$pe_paid_ms") s |"
  target_detail="$(get period_end db_span_s) s from the round's start on a running node (its cold first round: $(get warm_up db_span_s) s for $WARM_CUSTOMERS)"
  cohort="; the node first ran the period end of $WARM_CUSTOMERS other subscriptions (same plan shape, $WARM_EVENTS events) after its restart"
else
  pe_ready_ms="$(get period_end ready_ms)"
  pe_from_ready=$(( pe_paid_ms - pe_ready_ms ))
  start_rows="| Tollgate restarted with the worker: JVM launch → ready (health check) | $(secs "$pe_ready_ms") s |
| JVM launch → first invoice | $(secs "$pe_first_ms") s |
| JVM launch → every invoice \`paid\` (seen by the SQL poll) | $(secs "$pe_paid_ms") s |
| Ready → every invoice \`paid\` | $(secs "$pe_from_ready") s |"
  target_detail="$(get period_end db_span_s) s from the round's start; $(secs "$pe_from_ready") s from ready (a cold JVM)"
  cohort=""
fi
pe_span_s="$(get period_end db_span_s)"
issue_verdict="$(at_most "$pe_span_s" "$TARGET_ISSUE_S")"
[ "$pe_paid_ms" != "-1" ] || issue_verdict="MISSED (not all paid within ${AWAIT_TIMEOUT} s)"
[ "$(get verify verdict)" = "ok" ] || issue_verdict="$issue_verdict; VERIFICATION FAILED"

summary="$(cat <<EOF
**1. Live pricing**: one customer, 10 usage-based lines, $(get live customer_events) events in the running period; GET and SQL interleaved, $SAMPLES samples after $WARMUP unmeasured ones; simulate $SIM_SAMPLES after $SIM_WARMUP

| Request | p50 (ms) | p99 (ms) | max (ms) | Ratio to the SQL (p50 / p99) |
|---|---:|---:|---:|---:|
| \`GET /api/v1/billing/invoices/{gathering id}\` (prices the 10 lines live) | $(get live get_p50_ms) | $(get live get_p99_ms) | $(get live get_max_ms) | $(ratio "$(get live get_p50_ms)" "$(get live sql_p50_ms)") / $(ratio "$(get live get_p99_ms)" "$(get live sql_p99_ms)") |
| \`POST .../invoices/simulate\`, the same 10 lines with their quantities | $(get live simulate_p50_ms) | $(get live simulate_p99_ms) | $(get live simulate_max_ms) | $(ratio "$(get live simulate_p50_ms)" "$(get live sql_p50_ms)") / $(ratio "$(get live simulate_p99_ms)" "$(get live sql_p99_ms)") |
| Reference: the 10 sums over the same events, plain SQL over JDBC | $(get live sql_p50_ms) | $(get live sql_p99_ms) | $(get live sql_max_ms) | 1 |

Every line's metered quantity and total (and the invoice total, $(get live expected_total) USD) equal the independent
computation: $(get live line_totals_checked) line totals checked (first and last sample, GET and simulate).

**2. Period end**: $CUSTOMERS subscriptions to one plan (5 usage-based rate cards + 1 flat fee in arrears, monthly; created through the API, backdated with SQL so that the period $pe_from – $pe_to has ended), $EVENTS events loaded with SQL, worker every 1 s with $WORKER_THREADS threads$cohort

| Measure | Value |
|---|---:|
$start_rows
| **Period end → every invoice \`paid\`** (the round's first line planned, \`created_at\` on the worker's clock, → last invoice's \`updated_at\`) | **$pe_span_s s ($(awk -v n="$CUSTOMERS" -v s="$pe_span_s" 'BEGIN { printf "%.1f", (s > 0) ? n / s : 0 }') invoices/s)** |
| of which: planning the next period's lines (first → last line planned) / invoicing (first invoice created → last \`paid\`) | $(get period_end planning_span_s) s / $(get period_end invoice_span_s) s |
| Invoices / lines | $(get verify invoices) / $(get verify lines) (expected $CUSTOMERS / $((CUSTOMERS * 6))) |
| Lines from the subscriptions / covering exactly the period | $(get verify lines_from_subscriptions) / $(( $(get verify lines) - $(get verify lines_outside_period) )) |
| Customers with two invoices / duplicated lines / lines of the period still pending / not paid / duplicate numbers | $(get verify customers_with_two_invoices) / $(get verify customer_lines_duplicated) / $(get verify lines_still_pending) / $(get verify invoices_not_paid) / $(get verify duplicate_invoice_numbers) |
| Stored totals equal to the totals computed from the raw events and prices | $(get verify totals_matched) of $CUSTOMERS ($(get verify totals_mismatched) wrong, $(get verify totals_missing) missing); sum $(get verify stored_sum) vs $(get verify expected_sum) USD |

| Target | Measured | Verdict |
|---|---|---|
| simulate p99 ≤ $TARGET_SIMULATE_P99_MS ms with 10 lines | p99 $(get live simulate_p99_ms) ms | $(at_most "$(get live simulate_p99_ms)" "$TARGET_SIMULATE_P99_MS") |
| $CUSTOMERS subscriptions' invoices all issued (here: paid) ≤ $TARGET_ISSUE_S s | $target_detail | $issue_verdict |
EOF
)"
if [ "$CRASH" = "1" ]; then
  crash_verdict="ok"
  [ "$(get crash_verify verdict)" = "ok" ] || crash_verdict="FAILED"
  [ -n "$(get crash_kill killed_at_ms)" ] || crash_verdict="$crash_verdict (NOT KILLED: every invoice existed before the kill)"
  summary="$summary
$(cat <<EOF

**3. Crash safety**: $CRASH_CUSTOMERS customers, $CRASH_EVENTS events; SIGKILL once ≥ $kill_at invoices existed, restart on the same data directory

| Measure | Value |
|---|---:|
| Invoices / paid when Tollgate was killed ($(secs "$(get crash_kill killed_at_ms)") s after launch) | $(get crash_kill invoices_when_killed) / $(get crash_kill paid_when_killed) |
| Embedded PostgreSQL still running after the kill | $pg_left |
| Restart: launch → ready / → every invoice \`paid\` | $(secs "$(get crash_finish ready_ms)") s / $(secs "$(get crash_finish all_paid_ms)") s |
| Invoices / lines | $(get crash_verify invoices) / $(get crash_verify lines) (expected $CRASH_CUSTOMERS / $((CRASH_CUSTOMERS * 6))) |
| Customers with two invoices / duplicated lines / duplicate invoice numbers / not paid | $(get crash_verify customers_with_two_invoices) / $(get crash_verify customer_lines_duplicated) / $(get crash_verify duplicate_invoice_numbers) / $(get crash_verify invoices_not_paid) |
| Stored totals equal to the independent totals | $(get crash_verify totals_matched) of $CRASH_CUSTOMERS ($(get crash_verify totals_mismatched) wrong) |
| Verdict | $crash_verdict |
EOF
)"
fi
echo
echo "== Billing benchmark =="
echo "$summary"

if [ "$WRITE_RESULTS" = "1" ]; then
  run_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  commit="$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)"
  tree="$(git_tree_state)"
  cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
  mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
  block="$base/block.md"
  {
    echo "<!-- bench:billing:results:begin (written by bench/billing/run.sh; edits inside this block are overwritten) -->"
    echo "## Latest results"
    echo
    echo "- Date: $run_date"
    echo "- Commit: \`$commit\`, working tree $tree"
    echo "- Machine: $(nproc) CPUs ($cpu_model), $mem RAM, $(uname -sr); the load generator, Tollgate and PostgreSQL share these CPUs"
    echo "- Java: \`$(java -version 2>&1 | head -n 1)\`${JAVA_OPTS:+, JAVA_OPTS=\`$base_java_opts\`} (worker: \`$BUSY_WORKER\`)"
    echo "- Run: \`$( [ "$SMOKE" = "1" ] && echo "SMOKE=1 " )CUSTOMERS=$CUSTOMERS EVENTS=$EVENTS LIVE_EVENTS=$LIVE_EVENTS SAMPLES=$SAMPLES WARMUP=$WARMUP SIM_SAMPLES=$SIM_SAMPLES SIM_WARMUP=$SIM_WARMUP CRASH=$CRASH CRASH_CUSTOMERS=$CRASH_CUSTOMERS CRASH_EVENTS=$CRASH_EVENTS bench/billing/run.sh\`"
    echo "- Setup: $CUSTOMERS customers with their subscriptions created in $(get customers elapsed_s) s ($(get customers customers_per_s) customers/s, 2 requests each; the subscription's lines planned by SubscriptionLineSync), backdated with SQL in $(get backdate elapsed_s) s; $EVENTS events loaded with SQL in $(get load elapsed_s) s"
    echo
    echo "$summary"
    echo
    echo "<details><summary>Raw load generator output</summary>"
    echo
    echo '```'
    for f in live plan customers load warm_customers warm_load warm_up backdate period_end dbwork verify profile crash_customers crash_backdate crash_load crash_kill crash_finish crash_verify; do
      [ -f "$base/$f.txt" ] || continue
      echo "# $f"; cat "$base/$f.txt"; echo
    done
    echo '```'
    echo
    echo "</details>"
    echo "<!-- bench:billing:results:end -->"
  } >"$block"
  write_results_block billing "$block" "$RESULTS_FILE" "Billing performance"
fi
