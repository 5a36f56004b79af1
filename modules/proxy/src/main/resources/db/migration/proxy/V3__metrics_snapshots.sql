-- PgBeam's per-minute metrics snapshots (GetProjectMetrics, ADR 0053): what the data plane served for a project in a
-- region during one minute. Each node adds what it counted to the row of (project, region, minute), so several flushes
-- in a minute, or several nodes serving one region, merge into one snapshot: counts and sums add, p99 keeps the larger.
-- Averages are sums over sample counts, computed when read. No foreign key: rows are written off the query path and
-- outlive nothing but the retention period.
CREATE TABLE proxy.metrics_snapshots (
    id                 text        PRIMARY KEY,
    project_id         uuid        NOT NULL,
    region             text        NOT NULL,
    minute             timestamptz NOT NULL,
    queries            bigint      NOT NULL,
    cache_hits         bigint      NOT NULL,
    cache_misses       bigint      NOT NULL,
    active_connections integer     NOT NULL,
    answered           bigint      NOT NULL,  -- queries whose reply completed: the samples of both latencies
    latency_micros     bigint      NOT NULL,  -- end to end: received from the client -> reply complete
    query_micros       bigint      NOT NULL,  -- upstream: sent to the server -> reply complete
    p99_latency_micros bigint      NOT NULL,
    acquisitions       bigint      NOT NULL,  -- server connections taken from the pool
    connect_micros     bigint      NOT NULL,  -- waiting for them (0 when one was idle)
    created_at         timestamptz NOT NULL,  -- the latest flush that added to the row
    CONSTRAINT metrics_snapshots_once_per_minute UNIQUE (project_id, region, minute)
);

CREATE INDEX metrics_snapshots_newest ON proxy.metrics_snapshots (project_id, minute DESC);
CREATE INDEX metrics_snapshots_by_age ON proxy.metrics_snapshots (minute);
