-- PlanetScale's branch backups on PostgreSQL (ADR 0072): a pg_dump (custom format) of a branch's database, taken by a
-- background worker into the backup store; the row is the job and the backup alike. A running backup holds a lease the
-- worker renews while pg_dump runs: a lease that lapsed means the node stopped or crashed, and the backup failed.

CREATE TABLE proxy.branch_backups (
    id            uuid PRIMARY KEY,
    project_id    uuid NOT NULL REFERENCES proxy.managed_databases (project_id) ON DELETE CASCADE,
    branch_id     uuid NOT NULL REFERENCES proxy.branches (id) ON DELETE CASCADE,
    name          text NOT NULL,
    state         text NOT NULL CHECK (state IN ('pending', 'running', 'success', 'failed')),
    size_bytes    bigint NOT NULL,
    error         text,
    lease_until   timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    completed_at  timestamptz,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX branch_backups_branch_idx ON proxy.branch_backups (branch_id, created_at, id);
-- The worker's queue: pending backups to take, running ones whose lease may have lapsed.
CREATE INDEX branch_backups_queue_idx ON proxy.branch_backups (created_at) WHERE state IN ('pending', 'running');
CREATE INDEX branch_backups_expiry_idx ON proxy.branch_backups (expires_at);

-- A branch created from a backup (createBranch's backup_id): an empty database the backup is restored into.
ALTER TABLE proxy.branches ADD COLUMN restored_from uuid;
