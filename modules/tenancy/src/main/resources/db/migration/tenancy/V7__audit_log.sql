-- The audit log: one row per state change a person, key, token, the operator or the system made in an organization.
-- Append-only: the application has no update path, and the table refuses UPDATE always and DELETE unless the
-- transaction declared itself the retention purge (SET LOCAL tollgate.audit_purge = 'on'), whatever role connects.
CREATE TABLE tenancy.audit_entries (
    id               uuid PRIMARY KEY,            -- UUIDv7 of "at": ascends with time, so it is also the paging cursor
    organization_id  uuid NOT NULL,               -- no foreign key: the log outlives nothing it describes by accident
    actor_type       text NOT NULL,               -- user, api_key, service_token, operator, system
    actor_id         text NOT NULL,
    resource_type    text NOT NULL,
    resource_id      text NOT NULL,
    type             text NOT NULL,               -- e.g. api_key.created
    summary          text NOT NULL,
    before           jsonb,
    after            jsonb,
    source_address   text,
    at               timestamptz NOT NULL
);

-- Newest first within an organization, alone or narrowed by each equality filter the API offers. The id is a UUIDv7 of
-- the entry's own time, so a date range is a range of ids too: no index on "at" is needed. Each index costs every
-- write that records an entry; these are the ones the reads need (docs/perf/audit.md).
CREATE INDEX audit_entries_recent_idx ON tenancy.audit_entries (organization_id, id DESC);
CREATE INDEX audit_entries_resource_idx ON tenancy.audit_entries (organization_id, resource_type, resource_id, id DESC);
CREATE INDEX audit_entries_type_idx ON tenancy.audit_entries (organization_id, type, id DESC);
CREATE INDEX audit_entries_actor_idx ON tenancy.audit_entries (organization_id, actor_id, id DESC);

CREATE FUNCTION tenancy.audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('tollgate.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'tenancy.audit_entries is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON tenancy.audit_entries
    FOR EACH ROW EXECUTE FUNCTION tenancy.audit_entries_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON tenancy.audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION tenancy.audit_entries_append_only();
