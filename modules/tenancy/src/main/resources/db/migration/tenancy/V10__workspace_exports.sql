-- Centrali's workspace data exports: a job per request, run by a worker on any node, writing a ZIP archive (one JSON
-- document per resource) into the database in chunks, so that every node can serve its download and no node's disk
-- has to be shared.
CREATE TABLE tenancy.export_jobs (
    id                   uuid PRIMARY KEY,             -- UUIDv7 of the request: newest first is id order
    organization_id      uuid NOT NULL REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    requested_by         text NOT NULL,                -- the actor id the audit log names
    status               text NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    progress             jsonb NOT NULL,               -- per resource: its state and how many records it wrote
    attempts             integer NOT NULL,
    error_message        text,
    archive_bytes        bigint,
    download_expires_at  timestamptz,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
-- One active export per workspace, decided by the database so two requests at once cannot both start one.
CREATE UNIQUE INDEX export_jobs_one_active_idx ON tenancy.export_jobs (organization_id)
    WHERE status IN ('pending', 'processing');
CREATE INDEX export_jobs_recent_idx ON tenancy.export_jobs (organization_id, id DESC);
CREATE INDEX export_jobs_due_idx ON tenancy.export_jobs (updated_at) WHERE status IN ('pending', 'processing');

-- The archive's bytes, in order. Removed with the job, and by the worker once the download link has expired.
CREATE TABLE tenancy.export_archive_chunks (
    job_id    uuid NOT NULL REFERENCES tenancy.export_jobs (id) ON DELETE CASCADE,
    sequence  integer NOT NULL,
    data      bytea NOT NULL,
    PRIMARY KEY (job_id, sequence)
);
