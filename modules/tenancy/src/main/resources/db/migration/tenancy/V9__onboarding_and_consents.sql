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

-- The account export reads a person's own entries across every organization.
CREATE INDEX audit_entries_by_actor_idx ON tenancy.audit_entries (actor_id, id DESC);
