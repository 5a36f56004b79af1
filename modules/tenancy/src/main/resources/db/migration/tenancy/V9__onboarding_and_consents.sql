-- PgBeam's onboarding checklist: when each step was first seen done (detected from what happened, or marked by the
-- dashboard), and whether the checklist was dismissed. One row per organization, made on first read.
CREATE TABLE tenancy.onboarding (
    organization_id              uuid PRIMARY KEY REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    project_created_at           timestamptz,
    database_added_at            timestamptz,
    connection_tested_at         timestamptz,
    connection_string_copied_at  timestamptz,
    first_query_run_at           timestamptz,
    dismissed_at                 timestamptz,
    updated_at                   timestamptz NOT NULL
);

-- Legal documents a user accepted (RecordConsent), kept for the account export.
CREATE TABLE tenancy.consents (
    id                uuid PRIMARY KEY,
    user_id           uuid NOT NULL REFERENCES tenancy.users (id) ON DELETE CASCADE,
    document_type     text NOT NULL,
    document_version  text NOT NULL,
    ip_address        text,
    accepted_at       timestamptz NOT NULL
);
CREATE INDEX consents_user_idx ON tenancy.consents (user_id, accepted_at);

-- Searching the audit log ("search in summary and resource ID") with trigram indexes where pg_trgm can be installed;
-- without it the search still works, by scanning.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
    RAISE NOTICE 'pg_trgm is not available: the audit log search scans instead of using an index';
END
$$;
DO $$
DECLARE
    trgm_schema name := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm');
BEGIN
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX audit_entries_search_idx ON tenancy.audit_entries USING gin '
                       '(summary %1$I.gin_trgm_ops, resource_id %1$I.gin_trgm_ops)', trgm_schema);
    END IF;
END
$$;

-- Provisioning of a new workspace (Centrali's provision-status): one row per service, run in order by a worker,
-- each step's state kept so a restart resumes and a failed step can be retried by name.
CREATE TABLE tenancy.provisioning_steps (
    organization_id  uuid NOT NULL REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    service          text NOT NULL,
    position         integer NOT NULL,
    status           text NOT NULL,     -- pending, provisioning, ready, failed
    attempts         integer NOT NULL,
    last_error       text,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (organization_id, service)
);
CREATE INDEX provisioning_steps_due_idx ON tenancy.provisioning_steps (updated_at) WHERE status IN ('pending', 'provisioning');
