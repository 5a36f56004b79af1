#!/usr/bin/env bash
# Query shape micro-benchmark (issue 18, ADR 0052): ns and bytes allocated per statement for SqlNormalizer.normalize
# and QueryShape.of over a few representative statements, on one thread (bench/shapes/ShapeBench.java, a plain loop,
# not JMH). Prints a Markdown table and rewrites the `bench:shapes:results` block of docs/perf/proxy.md.
#
#   bench/shapes/run.sh                           # 2 s warm-up + 5 x 1 s per case and operation (~2 min)
#   WRITE_RESULTS=0 bench/shapes/run.sh           # print only
#   flock /tmp/maven.lock bench/shapes/run.sh     # the real measurement: no build meanwhile
#
# Uses the proxy module's compiled classes (modules/proxy/target/classes); compiles them with Maven (offline) if they
# are missing. Rebuild yourself after changing the code.
#
# Environment: JAVA_OPTS (e.g. -XX:+UseParallelGC), RESULTS_FILE (docs/perf/proxy.md), WRITE_RESULTS=1,
# WARMUP_MS=2000, ROUND_MS=1000, ROUNDS=5.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck source=../lib/common.sh
. "$root/bench/lib/common.sh"

classes="$root/modules/proxy/target/classes"
if [ ! -f "$classes/dev/tollgate/proxy/domain/QueryShape.class" ]; then
  log "compiling the proxy module (offline)"
  (cd "$root" && ./mvnw -B -o -q -pl modules/proxy -am compile)
fi

log "running ShapeBench (one thread)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -DwarmupMs="${WARMUP_MS:-2000}" -DroundMs="${ROUND_MS:-1000}" -Drounds="${ROUNDS:-5}" \
  -cp "$classes" "$root/bench/shapes/ShapeBench.java" | tee "$work/table.md"

if [ "${WRITE_RESULTS:-1}" = "1" ]; then
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  {
    echo "<!-- bench:shapes:results:begin (written by bench/shapes/run.sh; edits inside this block are overwritten) -->"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$(git -C "$root" rev-parse --short HEAD)\`, tree $(git_tree_state)."
    echo "$(nproc) CPUs ($cpu), $(java -version 2>&1 | head -1), JAVA_OPTS=\`${JAVA_OPTS:-}\`;"
    echo "\`bench/shapes/run.sh\`: one thread, median of ${ROUNDS:-5} rounds of ${ROUND_MS:-1000} ms after ${WARMUP_MS:-2000} ms of warm-up."
    echo
    cat "$work/table.md"
    echo
    echo "<!-- bench:shapes:results:end -->"
  } >"$work/block.md"
  write_results_block shapes "$work/block.md" "${RESULTS_FILE:-$root/docs/perf/proxy.md}" "Proxy"
fi
