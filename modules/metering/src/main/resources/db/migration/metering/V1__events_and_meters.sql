-- Raw CloudEvents per namespace (an organization). The primary key is OpenMeter's de-duplication key: the same
-- (source, id) ingested twice is stored once, whatever the number of concurrent resends.
CREATE TABLE metering.events (
    namespace   uuid        NOT NULL,
    source      text        NOT NULL,
    id          text        NOT NULL,
    type        text        NOT NULL,
    subject     text        NOT NULL,
    time        timestamptz NOT NULL,
    data        jsonb,
    ingested_at timestamptz NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (namespace, source, id)
);

-- What a meter query scans: one namespace, one event type, optionally some subjects, a time range.
CREATE INDEX events_by_meter ON metering.events (namespace, type, subject, time);
-- Event listings: newest first.
CREATE INDEX events_by_time ON metering.events (namespace, time DESC, id DESC);

CREATE TABLE metering.meters (
    id             uuid        PRIMARY KEY,
    namespace      uuid        NOT NULL,
    slug           text        NOT NULL,
    name           text        NOT NULL,
    description    text,
    aggregation    text        NOT NULL,
    event_type     text        NOT NULL,
    event_from     timestamptz,
    value_property text,
    group_by       jsonb       NOT NULL DEFAULT '{}',
    metadata       jsonb,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz
);

CREATE UNIQUE INDEX meters_slug_unique ON metering.meters (namespace, slug) WHERE deleted_at IS NULL;
