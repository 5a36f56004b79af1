-- PlanetScale's managed databases (ADR 0056): a project whose branches are PostgreSQL databases Tollgate creates on a
-- data cluster, and the credentials (real roles there) that reach them through the proxy.

CREATE TABLE proxy.managed_databases (
    project_id                     uuid PRIMARY KEY REFERENCES proxy.projects (id) ON DELETE CASCADE,
    organization_id                uuid NOT NULL,
    name                           text NOT NULL,
    data_cluster                   text NOT NULL,
    region                         text NOT NULL,
    plan                           text NOT NULL,
    cluster_size                   text NOT NULL,
    default_branch                 text NOT NULL,
    production_branch_web_console  boolean NOT NULL,
    insights_enabled               boolean NOT NULL,
    migration_framework            text,
    migration_table_name           text,
    require_approval_for_deploy    boolean NOT NULL,
    allow_data_branching           boolean NOT NULL,
    created_at                     timestamptz NOT NULL,
    updated_at                     timestamptz NOT NULL,
    deleted_at                     timestamptz
);
-- PlanetScale addresses a database by its name within the organization.
CREATE UNIQUE INDEX managed_databases_name_idx ON proxy.managed_databases (organization_id, name) WHERE deleted_at IS NULL;

CREATE TABLE proxy.branches (
    id                      uuid PRIMARY KEY,
    project_id              uuid NOT NULL REFERENCES proxy.managed_databases (project_id) ON DELETE CASCADE,
    name                    text NOT NULL,
    parent_branch           text,
    production              boolean NOT NULL,
    cluster_size            text NOT NULL,
    data_cluster            text NOT NULL,
    cluster_database        text NOT NULL UNIQUE,
    owner_role              text NOT NULL,
    template                text,
    with_data               boolean NOT NULL,
    ready                   boolean NOT NULL,
    dropped                 boolean NOT NULL,
    schema_last_updated_at  timestamptz NOT NULL,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    deleted_at              timestamptz
);
CREATE UNIQUE INDEX branches_name_idx ON proxy.branches (project_id, name) WHERE deleted_at IS NULL;
-- What the cluster reconciler still owes: branches to create, deleted ones to drop.
CREATE INDEX branches_unsettled_idx ON proxy.branches (updated_at)
    WHERE (NOT ready AND deleted_at IS NULL) OR (deleted_at IS NOT NULL AND NOT dropped);

CREATE TABLE proxy.branch_logins (
    id               uuid PRIMARY KEY,
    branch_id        uuid NOT NULL REFERENCES proxy.branches (id) ON DELETE CASCADE,
    kind             text NOT NULL,
    name             text,
    access           text NOT NULL,
    username         text NOT NULL UNIQUE,
    sealed_password  text NOT NULL,      -- AES-256-GCM under the master key, never plaintext
    ttl_seconds      bigint NOT NULL,    -- 0: no expiry
    expires_at       timestamptz,
    created          boolean NOT NULL,   -- the role exists on the cluster
    created_at       timestamptz NOT NULL,
    deleted_at       timestamptz,
    dropped          boolean NOT NULL
);
CREATE INDEX branch_logins_branch_idx ON proxy.branch_logins (branch_id, kind, created_at) WHERE deleted_at IS NULL;
CREATE INDEX branch_logins_unsettled_idx ON proxy.branch_logins (created_at)
    WHERE (NOT created AND deleted_at IS NULL) OR (deleted_at IS NOT NULL AND NOT dropped);
