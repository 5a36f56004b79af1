#!/usr/bin/env bash
# Entitlements benchmark, proxy part: what enforcing tier limits on every query costs. pgbench select-only
# (-S, c=50) through the same Tollgate project with its limits lifted ("off") and with queries_per_second and
# queries_per_day in force but set too high to refuse ("on": a token bucket and the daily count consulted per query),
# interleaved round by round, beside PostgreSQL directly as the reference. Drives bench/proxy/run.sh (its PostgreSQL,
# its Tollgate, its measurement loop) and writes docs/perf/entitlements.md.
#
#   bench/entitlements/run.sh                         # 5 rounds x 20 s, simple and extended protocol (~9 min)
#   DURATION=5s ROUNDS=1 bench/entitlements/run.sh    # quick smoke run
#   flock /tmp/tollgate-mvn.lock bench/entitlements/run.sh   # the real measurement: no Maven build meanwhile
#
# Environment (all optional): DURATION=20s, ROUNDS=5, CLIENTS=50, MODES="simple extended", RESULTS_FILE, WRITE_RESULTS=0
# to only print, KEEP_WORKDIR=1. Target (issue 5): limits on >= 0.95x limits off in TPS.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# shellcheck source=bench/lib/common.sh
. "$root/bench/lib/common.sh"

DURATION="${DURATION:-20s}"
ROUNDS="${ROUNDS:-5}"
CLIENTS="${CLIENTS:-50}"
MODES="${MODES:-simple extended}"
RESULTS_FILE="${RESULTS_FILE:-$root/docs/perf/entitlements.md}"
WRITE_RESULTS="${WRITE_RESULTS:-1}"
KEEP_WORKDIR="${KEEP_WORKDIR:-0}"
TARGET_RATIO=0.95

work="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-entitlements.XXXXXX")"
chmod 755 "$work" # bench/proxy runs PostgreSQL as an unprivileged user inside it
trap '[ "$KEEP_WORKDIR" = 1 ] || rm -rf "$work"' EXIT

log "running bench/proxy/run.sh with targets direct, tollgate (limits off) and tollgate_limits (limits on)"
WORK_DIR="$work/proxy" KEEP_WORKDIR=1 WRITE_RESULTS=0 IDLE_CLIENTS=0 PROFILE=0 TARGETS="direct tollgate tollgate_limits" \
  DURATION="$DURATION" ROUNDS="$ROUNDS" CLIENTS="$CLIENTS" MODES="$MODES" "$root/bench/proxy/run.sh" >"$work/proxy.out" 2>&1 \
  || { tail -n 40 "$work/proxy.out" >&2; die "bench/proxy/run.sh failed (log: $work/proxy.out)"; }

tsv="$work/proxy/results.tsv"
[ -s "$tsv" ] || die "no results in $tsv"
median_tps() { # target mode
  awk -F'\t' -v t="$1" -v m="$2" -v c="$CLIENTS" 'NR > 1 && $2 == t && $4 == m && $3 == c && $5 == 0 { print $6 }' "$tsv" \
    | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
median_cpu_us() { # target mode: Tollgate's CPU time (user + system) per transaction, in microseconds (100 ticks per second)
  awk -F'\t' -v t="$1" -v m="$2" -v c="$CLIENTS" 'NR > 1 && $2 == t && $4 == m && $3 == c && $5 == 0 && $7 > 0 {
      printf "%.1f\n", ($12 + $13) * 10000 / $7 }' "$tsv" \
    | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
failed_runs() { awk -F'\t' 'NR > 1 && ($5 != 0 || $8 != 0 || $9 != 0) { n++ } END { print n + 0 }' "$tsv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0) ? a / b : 0 }'; }

rows=""
verdicts=""
for m in $MODES; do
  off="$(median_tps tollgate "$m")"; on="$(median_tps tollgate_limits "$m")"; direct="$(median_tps direct "$m")"
  cpu_off="$(median_cpu_us tollgate "$m")"; cpu_on="$(median_cpu_us tollgate_limits "$m")"
  r="$(ratio "$on" "$off")"
  v="$(awk -v r="$r" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t) ? "met" : "MISSED" }')"
  rows+="| $m | $direct | $off | $on | $r | $(ratio "$on" "$direct") | $cpu_off | $cpu_on | $(ratio "$cpu_on" "$cpu_off") |"$'\n'
  verdicts+="| Limits on ≥ ${TARGET_RATIO}× limits off, pgbench -S c=$CLIENTS, $m protocol | $r× | $v |"$'\n'
done

summary="Medians of $ROUNDS interleaved rounds, $DURATION each, pgbench -S -c $CLIENTS; failed or aborted runs: $(failed_runs).
On two shared cores single rounds vary by up to 2x; Tollgate's CPU time per transaction varies less and shows the cost
of the checks more directly than throughput.

| Protocol | PostgreSQL direct (TPS) | Tollgate, limits off (TPS) | Tollgate, limits on (TPS) | On / off | On / direct | Tollgate CPU µs per transaction, off | on | On / off |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows}
| Target | Measured | Verdict |
|---|---|---|
${verdicts}"
echo
echo "== Entitlements benchmark (proxy limits) =="
echo "$summary"

if [ "$WRITE_RESULTS" = "1" ]; then
  block="$work/block.md"
  {
    echo "<!-- bench:entitlements:results:begin (written by bench/entitlements/run.sh; edits inside this block are overwritten) -->"
    echo "## Latest results: proxy limits on vs off"
    echo
    echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- Commit: \`$(git --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)\`, working tree $(git_tree_state)"
    echo "- Machine: $(nproc) CPUs ($(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)); pgbench, Tollgate and PostgreSQL share them"
    echo "- Run: \`DURATION=$DURATION ROUNDS=$ROUNDS CLIENTS=$CLIENTS MODES=\"$MODES\" bench/entitlements/run.sh\`"
    echo
    echo "$summary"
    echo
    echo "<details><summary>Per-run results (bench/proxy results.tsv)</summary>"
    echo
    echo '```'
    cat "$tsv"
    echo '```'
    echo
    echo "</details>"
    echo "<!-- bench:entitlements:results:end -->"
  } >"$block"
  write_results_block entitlements "$block" "$RESULTS_FILE" "Entitlements performance"
fi
