-- PgBeam's query insights (GetProjectInsights, ADR 0057): what the data plane counted per query shape of a project in a
-- region during one five-minute period. Each node adds what it counted to the row of (project, region, period, shape),
-- so several flushes in a period, or several nodes in one region, merge into one row: counts and sums add, the latency
-- histograms add bucket by bucket (fixed buckets, see LatencyBuckets), first/last seen take the earlier/later.
-- Averages and percentiles are computed on read over the periods of the asked range. The row with query_hash '' counts
-- the statements of shapes beyond the tier's max_query_shapes (untracked), so the project's totals stay whole.
-- No foreign key: rows are written off the query path and outlive nothing but the retention period.
CREATE TABLE proxy.query_shapes (
    project_id      uuid             NOT NULL,
    region          text             NOT NULL,
    period          timestamptz      NOT NULL,
    query_hash      text             NOT NULL,  -- XXH64 of the normalized text, 16 lowercase hex; '' = untracked
    query_pattern   text             NOT NULL,  -- the normalized text, at most 500 characters
    query_kind      text             NOT NULL,  -- read, write or session (ADR 0052)
    calls           bigint           NOT NULL,  -- statements whose reply completed: the latencies' samples
    latency_micros  bigint           NOT NULL,  -- end to end, summed
    latency_squares double precision NOT NULL,  -- squared latencies in ms, summed: their spread (stability)
    rows_returned   bigint           NOT NULL,  -- CommandComplete's row counts, summed
    bytes_sent      bigint           NOT NULL,  -- reply bytes sent to the client
    histogram       bigint[]         NOT NULL,  -- latency bucket counts, trailing empty buckets left off
    first_seen      timestamptz      NOT NULL,
    last_seen       timestamptz      NOT NULL,
    PRIMARY KEY (project_id, period, region, query_hash)
);

CREATE INDEX query_shapes_by_age ON proxy.query_shapes (period);
