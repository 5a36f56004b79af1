#!/usr/bin/env bash
# Stripe benchmark: Tollgate's Stripe app (ADR 0039) against the fake Stripe (ADR 0037), each figure beside the same
# work done without Tollgate in the same run.
#
#   bench/stripe/run.sh                         # full run (~10 min): 1,000 invoices synced, 20,000 webhook events, crash run
#   SMOKE=1 bench/stripe/run.sh                 # quick smoke run (~4 min): small sizes, WRITE_RESULTS=0 unless set
#   flock /tmp/maven.lock bench/stripe/run.sh   # the real measurement: no Maven build meanwhile
#
# Phases (the load generator bench/stripe/StripeLoad.java, Tollgate, PostgreSQL and the fake Stripe share the machine):
#   1. invoice sync: the Stripe app installed by API key (it becomes the default billing profile), $INVOICES customers
#      subscribed to a monthly plan (5 usage-based rate cards + a flat fee, bench/billing's) and backdated so that their
#      first period has ended, $EVENTS_PER_INVOICE events each. Tollgate is restarted with the invoice worker on and the
#      Stripe sync off until every invoice waits in draft.syncing, then restarted with the sync on (every 1 s): the
#      time from ready to every invoice finalized on Stripe (payment_processing.pending) gives invoices/s. The
#      reference makes the Stripe calls of one invoice's sync (customer, invoice, its items, finalize) straight to the
#      fake, one invoice after the other. Then every invoice is checked on the fake: one Stripe invoice, one item per
#      line, the total to the cent, the Stripe number taken.
#   2. inbound webhooks: $WEBHOOK_EVENTS signed events (invoice.paid for every synced invoice, customer.updated filler)
#      and $((10))% replays POSTed by $CONCURRENCY clients to the app's webhook route; every answer must be 200, every
#      event stored once when the last answer came, and the worker must process them all (each synced invoice paid).
#      The reference does what the route must do at the least (HMAC check, JSON parse, insert) straight on JDBC.
#   3. crash safety: phase 1 again on a fresh data directory with $CRASH_INVOICES invoices; Tollgate is killed with
#      SIGKILL once 30 % are finalized on Stripe, restarted, and must finish with no Stripe invoice or item twice.
#
# Environment (all optional): INVOICES=1000, EVENTS_PER_INVOICE=100, WEBHOOK_EVENTS=20000, CONCURRENCY=16,
# DIRECT_INVOICES=200, CRASH=1, CRASH_INVOICES=1000, AWAIT_TIMEOUT=900 (s), SMOKE=1, JAVA_OPTS= (Tollgate's JVM),
# PROFILE=1 (JFR on the Tollgate that syncs and takes the webhooks: where the request threads spend their time),
# RESULTS_FILE=docs/perf/stripe.md, WRITE_RESULTS=0 to only print, KEEP_WORKDIR=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

SMOKE="${SMOKE:-0}"
if [ "$SMOKE" = "1" ]; then
  INVOICES="${INVOICES:-100}"; WEBHOOK_EVENTS="${WEBHOOK_EVENTS:-3000}"; DIRECT_INVOICES="${DIRECT_INVOICES:-50}"
  CRASH_INVOICES="${CRASH_INVOICES:-100}"; WRITE_RESULTS="${WRITE_RESULTS:-0}"
fi
INVOICES="${INVOICES:-1000}"
EVENTS_PER_INVOICE="${EVENTS_PER_INVOICE:-100}"
WEBHOOK_EVENTS="${WEBHOOK_EVENTS:-20000}"
CONCURRENCY="${CONCURRENCY:-16}"
DIRECT_INVOICES="${DIRECT_INVOICES:-200}"
CRASH="${CRASH:-1}"
CRASH_INVOICES="${CRASH_INVOICES:-1000}"
AWAIT_TIMEOUT="${AWAIT_TIMEOUT:-900}"
JAVA_OPTS="${JAVA_OPTS:-}"
PROFILE="${PROFILE:-0}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/stripe.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"
TARGET_WEBHOOKS_PER_S=500

API_KEY="tg_bench_0123456789abcdefghijklmnopqrstuv"
JAR="${JAR:-$root/bootstrap/target/tollgate.jar}"
base_java_opts="$JAVA_OPTS"
# While the customers are set up nothing runs; then invoices are made with the sync held back; then the sync runs.
IDLE="-Dtollgate.billing.invoice-worker-delay=100000s -Dtollgate.billing.stripe-invoice-worker-delay=100000s"
INVOICING="-Dtollgate.billing.invoice-worker-delay=1s -Dtollgate.billing.invoice-worker-interval=1s -Dtollgate.billing.stripe-invoice-worker-delay=100000s"
SYNCING="-Dtollgate.billing.invoice-worker-delay=1s -Dtollgate.billing.invoice-worker-interval=1s -Dtollgate.billing.stripe-invoice-worker-delay=1s -Dtollgate.billing.stripe-invoice-worker-interval=1s"

base="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-stripe.XXXXXX")"
work="$base/main"
mkdir -p "$work" "$base/crash"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"
prepare_single_tollgate_run "$JAR"
fake_pid=""
trap 'rc=$?; [ -z "$fake_pid" ] || kill "$fake_pid" 2>/dev/null || true; work="$base"; (exit $rc); _single_tollgate_cleanup' EXIT

fake_jar="$(ls "$root"/test-support/target/tollgate-test-support-*-fake-stripe.jar 2>/dev/null | head -n 1 || true)"
if [ -z "$fake_jar" ]; then
  log "building the fake Stripe (./mvnw -B -q install -DskipTests)"
  ./mvnw -B -q install -DskipTests
  fake_jar="$(ls "$root"/test-support/target/tollgate-test-support-*-fake-stripe.jar | head -n 1)"
fi
FAKE_PORT="$(free_port "$HTTP_PORT" "$DB_PORT" "$PROXY_PORT")"
java -jar "$fake_jar" --port "$FAKE_PORT" >"$base/fake-stripe.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 100); do grep -q '^http' "$base/fake-stripe.log" 2>/dev/null && break; sleep 0.1; done
STRIPE="$(head -n 1 "$base/fake-stripe.log")"
case "$STRIPE" in http://*) log "fake Stripe on $STRIPE" ;; *) die "the fake Stripe did not start: $(cat "$base/fake-stripe.log")" ;; esac
export TOLLGATE_STRIPE_API_BASE="$STRIPE"
export TOLLGATE_PUBLIC_URL="http://127.0.0.1:$HTTP_PORT"

BASE="http://127.0.0.1:$HTTP_PORT"
JDBC="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres"
mkdir -p "$base/classes"
javac -nowarn -cp "$JAR" -d "$base/classes" "$root/bench/billing/BillingLoad.java" "$root/bench/stripe/StripeLoad.java" 2>"$base/javac.log" \
  || { cat "$base/javac.log" >&2; exit 1; }
BILLING=(java -cp "$JAR:$base/classes" BillingLoad)
STRIPE_LOAD=(java -cp "$JAR:$base/classes" StripeLoad)

get() { awk -F= -v k="$2" '$1 == k { print substr($0, length(k) + 2) }' "$base/$1.txt"; }
common_args() { echo base="$BASE" key="$API_KEY" jdbc="$JDBC" pwfile="$work/data/embedded-db-password" stripe="$STRIPE"; }
billing() { local name="$1"; shift; log "phase $name: $*"; "${BILLING[@]}" "$@" $(common_args) | tee "$base/$name.txt" >&2; }
stripe_phase() { local name="$1"; shift; log "phase $name: $*"; "${STRIPE_LOAD[@]}" "$@" $(common_args) | tee "$base/$name.txt" >&2; }
now_ms() { date +%s%3N; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
secs() { awk -v ms="${1:-0}" 'BEGIN { printf "%.1f", ms / 1000 }'; }
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# The customers' first monthly period ended about 10 days ago (bench/billing's reasoning: a day of the month ≤ 28).
today=$(( $(date -u +%s) / 86400 * 86400 ))
pe_start=$((today - 40 * 86400))
pe_day=$((10#$(date -u -d "@$pe_start" +%d)))
[ "$pe_day" -le 28 ] || pe_start=$((pe_start - (pe_day - 28) * 86400))
pe_end=$(date -u -d "$(iso "$pe_start") + 1 month" +%s)
pe_from="$(iso "$pe_start")"; pe_to="$(iso "$pe_end")"
pe_days=$(( (pe_end - pe_start) / 86400 ))

# restart NAME OPTS STATES COUNT PREFIX [await args]: Tollgate restarted on the same data with OPTS, polled from its
# launch until COUNT invoices of PREFIX are in one of STATES.
restart() {
  local name="$1" opts="$2" states="$3" count="$4" prefix="$5"; shift 5
  stop_tollgate
  marker="$(basename "$base")-$name"
  JAVA_OPTS="$base_java_opts $opts -Dbench.instance=$marker"
  local launched; launched="$(now_ms)"
  "${STRIPE_LOAD[@]}" await states="$states" expected="$count" prefix="$prefix" timeout="$AWAIT_TIMEOUT" launchedMs="$launched" \
    marker="$marker" "$@" $(common_args) >"$base/$name.txt" &
  local poller=$!
  start_tollgate "$JAR"
  echo "ready_ms=$(( $(now_ms) - launched ))" >>"$base/$name.ready"
  wait "$poller" || die "the poller of $name failed"
  cat "$base/$name.ready" >>"$base/$name.txt"
  cat "$base/$name.txt" >&2
}

# setup PREFIX COUNT: the Stripe app, a plan, COUNT customers subscribed and backdated, their events.
setup() {
  local prefix="$1" count="$2"
  JAVA_OPTS="$base_java_opts $IDLE"
  start_tollgate "$JAR"
  billing "${prefix}_meters" setup
  stripe_phase "${prefix}_install" install
  billing "${prefix}_plan" plan plan="${prefix}_plan"
  billing "${prefix}_customers" customers count="$count" prefix="$prefix" plan="${prefix}_plan"
  billing "${prefix}_backdate" backdate plan="${prefix}_plan" start="$pe_from" end="$pe_to"
  billing "${prefix}_load" load prefix="$prefix" customers="$count" events="$((count * EVENTS_PER_INVOICE))" start="$pe_from" days="$pe_days"
  restart "${prefix}_invoicing" "$INVOICING" draft.syncing "$count" "$prefix"
}

# --- phases 1 and 2 ---------------------------------------------------------------------------------------------------
setup st "$INVOICES"
sync_opts="$SYNCING"
[ "$PROFILE" != "1" ] || sync_opts="$sync_opts -XX:StartFlightRecording=filename=$base/webhooks.jfr,settings=profile,dumponexit=true"
restart sync "$sync_opts" payment_processing.pending "$INVOICES" st
sync_s="$(awk -v all="$(get sync all_ms)" -v ready="$(get sync ready_ms)" 'BEGIN { printf "%.1f", (all - ready) / 1000 }')"
sync_rate="$(awk -v n="$INVOICES" -v s="$sync_s" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "n/a" }')"
stripe_phase verify verify prefix=st
items="$(awk -v x="$(get verify items_per_invoice)" 'BEGIN { printf "%d", x + 0.5 }')"
stripe_phase direct direct count="$DIRECT_INVOICES" items="$items"
app_id="$(get st_install app_id)"
stripe_phase webhooks webhooks app="$app_id" events="$WEBHOOK_EVENTS" concurrency="$CONCURRENCY" prefix=st
stripe_phase direct_webhooks direct-webhooks events="$WEBHOOK_EVENTS" concurrency="$CONCURRENCY"
stop_tollgate
if [ "$PROFILE" = "1" ] && [ -f "$base/webhooks.jfr" ]; then
  "${STRIPE_LOAD[@]}" profile jfr="$base/webhooks.jfr" threads=io-executor,default-nioEventLoopGroup >"$base/profile.txt" 2>&1 || log "the JFR summary failed"
  cat "$base/profile.txt" >&2
fi

# --- phase 3: crash safety on a fresh data directory ------------------------------------------------------------------
if [ "$CRASH" = "1" ]; then
  work="$base/crash"
  setup cr "$CRASH_INVOICES"
  restart crash_kill "$SYNCING" payment_processing.pending "$CRASH_INVOICES" cr killAt="$((CRASH_INVOICES * 3 / 10))"
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
  restart crash_finish "$SYNCING" payment_processing.pending "$CRASH_INVOICES" cr
  stripe_phase crash_verify verify prefix=cr
  stop_tollgate
fi

# --- summary ------------------------------------------------------------------------------------------------------------
ok_sync="ok"
for k in missing duplicate_invoices duplicate_items wrong_totals wrong_numbers not_finalized; do
  [ "$(get verify "$k")" = "0" ] || ok_sync="FAILED ($k=$(get verify "$k"))"
done
ok_hooks="ok"
[ "$(get webhooks failed)" = "0" ] || ok_hooks="FAILED ($(get webhooks failed) answers not 200)"
[ "$(get webhooks stored_events)" = "$(get webhooks unique_events)" ] || ok_hooks="FAILED (stored $(get webhooks stored_events) of $(get webhooks unique_events))"
[ "$(get webhooks unprocessed_events)" = "0" ] || ok_hooks="$ok_hooks; $(get webhooks unprocessed_events) UNPROCESSED"
[ "$(get webhooks invoices_paid)" = "$(get webhooks paid_events)" ] || ok_hooks="$ok_hooks; paid $(get webhooks invoices_paid) of $(get webhooks paid_events)"
hooks_verdict="$(awk -v r="$(get webhooks tollgate_events_per_s)" -v t="$TARGET_WEBHOOKS_PER_S" 'BEGIN { print (r >= t) ? "met" : "MISSED" }')"

summary="$(cat <<EOF
**1. Invoice sync**: $INVOICES invoices (a plan of 5 usage-based rate cards and a flat fee, $EVENTS_PER_INVOICE events per customer), each waiting in \`draft.syncing\`; sync every 1 s, one invoice per transaction

| Measure | Value |
|---|---:|
| Restart → ready / → every invoice finalized on Stripe (\`payment_processing.pending\`) | $(secs "$(get sync ready_ms)") s / $(secs "$(get sync all_ms)") s |
| **Sync: ready → every invoice finalized** | **$sync_s s ($sync_rate invoices/s)** |
| Reference: the same Stripe calls straight to the fake (customer, invoice, $items items, finalize), one invoice after the other | $(get direct direct_invoices_per_s) invoices/s |
| Ratio of Tollgate's rate to the reference | $(ratio "$sync_rate" "$(get direct direct_invoices_per_s)") |
| Stripe invoices / items (per invoice) | $(get verify synced) / $(get verify items) ($(get verify items_per_invoice)) |
| Missing / duplicate invoices / duplicate items / wrong totals / wrong numbers / not finalized | $(get verify missing) / $(get verify duplicate_invoices) / $(get verify duplicate_items) / $(get verify wrong_totals) / $(get verify wrong_numbers) / $(get verify not_finalized) |
| Verdict | $ok_sync |

**2. Inbound webhooks**: $(get webhooks unique_events) signed events ($(get webhooks paid_events) \`invoice.paid\` for the synced invoices, the rest \`customer.updated\`) and $(( $(get webhooks tollgate_sent) - $(get webhooks unique_events) )) replays, $CONCURRENCY concurrent clients

| Measure | Tollgate (\`POST /api/v1/apps/{id}/stripe/webhook\`) | Reference (HMAC check + JSON parse + insert on JDBC) | Ratio |
|---|---:|---:|---:|
| Events acknowledged per second | **$(get webhooks tollgate_events_per_s)** | $(get direct_webhooks direct_events_per_s) | $(ratio "$(get webhooks tollgate_events_per_s)" "$(get direct_webhooks direct_events_per_s)") |
| p50 / p99 (ms) | $(get webhooks tollgate_p50_ms) / $(get webhooks tollgate_p99_ms) | $(get direct_webhooks direct_p50_ms) / $(get direct_webhooks direct_p99_ms) | |

Stored when the last answer came: $(get webhooks stored_events) of $(get webhooks unique_events) (replays stored no second row); processed by
the worker: all but $(get webhooks unprocessed_events), at $(get webhooks processed_events_per_s) events/s (first received → last processed);
invoices paid: $(get webhooks invoices_paid) of $(get webhooks paid_events). Verdict: $ok_hooks; target ≥ $TARGET_WEBHOOKS_PER_S events/s: $hooks_verdict.
EOF
)"
if [ "$CRASH" = "1" ]; then
  crash_verdict="ok"
  for k in missing duplicate_invoices duplicate_items wrong_totals wrong_numbers not_finalized; do
    [ "$(get crash_verify "$k")" = "0" ] || crash_verdict="FAILED ($k=$(get crash_verify "$k"))"
  done
  [ -n "$(get crash_kill killed_at_ms)" ] || crash_verdict="$crash_verdict (NOT KILLED)"
  summary="$summary

**3. Crash safety**: $CRASH_INVOICES invoices; SIGKILL once $(get crash_kill reached_when_killed) were finalized on Stripe ($(secs "$(get crash_kill killed_at_ms)") s after launch), restart on the same data

| Measure | Value |
|---|---:|
| Restart → ready / → every invoice finalized | $(secs "$(get crash_finish ready_ms)") s / $(secs "$(get crash_finish all_ms)") s |
| Stripe invoices / items | $(get crash_verify synced) / $(get crash_verify items) |
| Missing / duplicate invoices / duplicate items / wrong totals / wrong numbers / not finalized | $(get crash_verify missing) / $(get crash_verify duplicate_invoices) / $(get crash_verify duplicate_items) / $(get crash_verify wrong_totals) / $(get crash_verify wrong_numbers) / $(get crash_verify not_finalized) |
| Verdict | $crash_verdict |"
fi
echo
echo "== Stripe benchmark =="
echo "$summary"

if [ "$WRITE_RESULTS" = "1" ]; then
  block="$base/block.md"
  {
    echo "<!-- bench:stripe:results:begin (written by bench/stripe/run.sh; edits inside this block are overwritten) -->"
    echo "## Latest results"
    echo
    echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- Commit: \`$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)\`, working tree $(git_tree_state)"
    echo "- Machine: $(nproc) CPUs ($(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; the load generator, Tollgate, PostgreSQL and the fake Stripe share these CPUs"
    echo "- Java: \`$(java -version 2>&1 | head -n 1)\`"
    echo "- Run: \`$( [ "$SMOKE" = "1" ] && echo "SMOKE=1 " )INVOICES=$INVOICES EVENTS_PER_INVOICE=$EVENTS_PER_INVOICE WEBHOOK_EVENTS=$WEBHOOK_EVENTS CONCURRENCY=$CONCURRENCY DIRECT_INVOICES=$DIRECT_INVOICES CRASH=$CRASH CRASH_INVOICES=$CRASH_INVOICES bench/stripe/run.sh\`"
    echo
    echo "$summary"
    echo
    echo "<details><summary>Raw load generator output</summary>"
    echo
    echo '```'
    for f in st_customers st_invoicing sync verify direct webhooks direct_webhooks cr_invoicing crash_kill crash_finish crash_verify; do
      [ -f "$base/$f.txt" ] || continue
      echo "# $f"; cat "$base/$f.txt"; echo
    done
    echo '```'
    echo
    echo "</details>"
    echo "<!-- bench:stripe:results:end -->"
  } >"$block"
  write_results_block stripe "$block" "$RESULTS_FILE" "Stripe performance"
fi
