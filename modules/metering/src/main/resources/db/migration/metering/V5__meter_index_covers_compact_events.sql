-- Meter queries read the index alone for ordinary events: the meter index carries each event's data, so aggregating
-- one subject's month touches a few hundred contiguous index pages instead of one heap page per event (ADR 0008).
-- An index entry must stay under ~2.7 kB, so only "compact" events (data under 2,000 bytes as jsonb, decided when the
-- event is stored) are covered; the rest have a small index of their own and are read from the table.
ALTER TABLE metering.events ADD COLUMN compact boolean NOT NULL DEFAULT true;
UPDATE metering.events SET compact = false WHERE coalesce(pg_column_size(data), 0) >= 2000;

DROP INDEX metering.events_by_meter;
CREATE INDEX events_by_meter ON metering.events (namespace, type, subject, time) INCLUDE (data) WHERE compact;
CREATE INDEX events_by_meter_large ON metering.events (namespace, type, subject, time) WHERE NOT compact;

-- Index-only scans skip the table only for pages marked all-visible by VACUUM: vacuum after every 1 % of new rows
-- (at least 10,000) rather than PostgreSQL's default 20 %, so recent events are read from the index too.
ALTER TABLE metering.events SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_insert_threshold = 10000);
