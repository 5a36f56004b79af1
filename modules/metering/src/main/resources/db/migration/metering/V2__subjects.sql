-- OpenMeter's (deprecated but still served) subjects: the keys events are attributed to, with a display name.
CREATE TABLE metering.subjects (
    id                   uuid        PRIMARY KEY,
    namespace            uuid        NOT NULL,
    key                  text        NOT NULL,
    display_name         text,
    metadata             jsonb,
    current_period_start timestamptz,
    current_period_end   timestamptz,
    stripe_customer_id   text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    deleted_at           timestamptz
);

CREATE UNIQUE INDEX subjects_key_unique ON metering.subjects (namespace, key) WHERE deleted_at IS NULL;
