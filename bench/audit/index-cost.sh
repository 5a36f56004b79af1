#!/usr/bin/env bash
# What each search index of the audit log costs an insert, without Tollgate in the way (issue 19's recording-cost
# target): pgbench inserts audit-shaped rows into a scratch table with the log's B-tree indexes only ("btree") and
# with each candidate search index added — the trigram GIN the log uses ("trgm", pending list on, PostgreSQL's default),
# the same with the pending list off ("trgm_nofastupdate"), a word index on the expression ("tsvector",
# to_tsvector('simple', …)) and the log's index since V11: the same words as a stored generated column with the GIN on
# it ("tsvector_stored", ADR 0070).
# Variants alternate within each round, so drift on a shared machine spreads over all of them; the medians are compared
# with "btree" of the same run.
#
#   bench/audit/index-cost.sh                 # ~5 min: 3 rounds x 5 variants x (prefill + 10 s)
#   ROUNDS=1 SECONDS_PER_RUN=3 bench/audit/index-cost.sh   # smoke
#
# Environment: ROUNDS=3, SECONDS_PER_RUN=10, CLIENTS=8, PREFILL=200000 rows before each measurement,
# PG_BIN=/usr/lib/postgresql/15/bin (installed with postgresql-15 and postgresql-contrib when missing), RUN_AS=postgres.
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
CLIENTS="${CLIENTS:-8}"
PREFILL="${PREFILL:-200000}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
RUN_AS="${RUN_AS:-postgres}"
VARIANTS=(btree trgm trgm_nofastupdate tsvector tsvector_stored)

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
if [ ! -x "$PG_BIN/postgres" ] || [ ! -x "$PG_BIN/pgbench" ]; then
  log "installing postgresql-15 and postgresql-contrib"
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 postgresql-contrib >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 postgresql-contrib >/dev/null; }
fi
id "$RUN_AS" >/dev/null 2>&1 || useradd --system --no-create-home "$RUN_AS"
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid="$RUN_AS" --regid="$(id -g "$RUN_AS")" --init-groups "$@"; else "$@"; fi; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-bench-index-cost.XXXXXX")"
chmod 755 "$work"; mkdir -p "$work/data" "$work/sock"; [ "$(id -u)" = 0 ] && chown "$RUN_AS" "$work/data" "$work/sock"
port=$((20000 + RANDOM % 20000))
cleanup() { as_user "$PG_BIN/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
as_user "$PG_BIN/initdb" -D "$work/data" -U postgres -A trust >/dev/null || die "initdb failed"
printf "port = %s\nlisten_addresses = ''\nunix_socket_directories = '%s'\nshared_buffers = 256MB\n" "$port" "$work/sock" >>"$work/data/postgresql.conf"
as_user "$PG_BIN/pg_ctl" -D "$work/data" -l "$work/data/log" -w start >/dev/null || die "PostgreSQL did not start"
psql_() { "$PG_BIN/psql" -qAt -h "$work/sock" -p "$port" -U postgres -v ON_ERROR_STOP=1 "$@"; }
psql_ -c "CREATE EXTENSION pg_trgm"

# One audit entry per transaction, shaped as an API key's creation records it.
cat >"$work/insert.sql" <<'SQL'
\set n random(1, 100000000)
\set o random(1, 20)
INSERT INTO a (id, organization_id, actor_type, actor_id, resource_type, resource_id, type, summary, after, at) VALUES (gen_random_uuid(), ('00000000-0000-0000-0000-0000000000' || lpad(:o::text, 2, '0'))::uuid, 'user', 'actor-' || (:n % 50), 'api_key', 'key_01m99' || md5(:n::text), 'api_key.created', 'API key ''ci key ' || :n || ''' created', '{"name": "ci key", "scopes": ["workspaces.read"]}', now());
SQL

setup() {
  psql_ -c "DROP TABLE IF EXISTS a; CREATE TABLE a (id uuid PRIMARY KEY, organization_id uuid NOT NULL, actor_type text NOT NULL,
    actor_id text NOT NULL, resource_type text NOT NULL, resource_id text NOT NULL, type text NOT NULL, summary text NOT NULL,
    before jsonb, after jsonb, source_address text, at timestamptz NOT NULL);
    CREATE INDEX ON a (organization_id, id DESC); CREATE INDEX ON a (organization_id, resource_type, resource_id, id DESC);
    CREATE INDEX ON a (organization_id, type, id DESC); CREATE INDEX ON a (organization_id, actor_id, id DESC);"
  case "$1" in
    btree) ;;
    trgm) psql_ -c "CREATE INDEX ON a USING gin (summary gin_trgm_ops, resource_id gin_trgm_ops)" ;;
    trgm_nofastupdate) psql_ -c "CREATE INDEX ON a USING gin (summary gin_trgm_ops, resource_id gin_trgm_ops) WITH (fastupdate = off)" ;;
    tsvector) psql_ -c "CREATE INDEX ON a USING gin (to_tsvector('simple', summary || ' ' || resource_id))" ;;
    tsvector_stored) psql_ -c "ALTER TABLE a ADD COLUMN words tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, summary || ' ' || resource_id)) STORED;
      CREATE INDEX ON a USING gin (words)" ;;
  esac
}
pgbench_() { "$PG_BIN/pgbench" -n -h "$work/sock" -p "$port" -U postgres -f "$work/insert.sql" -c "$CLIENTS" -j 2 "$@" postgres 2>/dev/null; }

declare -A tps
for round in $(seq 1 "$ROUNDS"); do
  for v in "${VARIANTS[@]}"; do
    setup "$v"
    pgbench_ -t $((PREFILL / CLIENTS)) >/dev/null
    t="$(pgbench_ -T "$SECONDS_PER_RUN" | awk '/^tps/ { print $3 }')"
    log "round $round $v: $t inserts/s"
    tps[$v]="${tps[$v]:-} $t"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
base="$(echo "${tps[btree]}" | median)"
printf '\n| Search index | inserts/s (median of %s) | Cost against B-trees only |\n|---|---:|---:|\n' "$ROUNDS"
for v in "${VARIANTS[@]}"; do
  m="$(echo "${tps[$v]}" | median)"
  printf '| %s | %.0f | %s |\n' "$v" "$m" "$(awk -v m="$m" -v b="$base" 'BEGIN { printf "%.1f %%", (b - m) * 100 / b }')"
done
printf '\n%s, %s CPUs; %s clients, %s s per run, %s rows before each run\n' "$("$PG_BIN/postgres" --version)" "$(nproc)" "$CLIENTS" \
  "$SECONDS_PER_RUN" "$PREFILL"
