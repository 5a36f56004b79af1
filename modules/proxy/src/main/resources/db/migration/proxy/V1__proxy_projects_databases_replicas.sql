-- Proxy control plane: projects, their registered upstream databases and read replicas.
-- organization_id refers to tenancy's organizations by value only (no cross-schema foreign keys).

CREATE TABLE proxy.projects (
    id                  uuid PRIMARY KEY,
    organization_id     uuid NOT NULL,
    name                text NOT NULL,
    description         text,
    status              text NOT NULL,
    cloud               text NOT NULL,
    proxy_host          text NOT NULL UNIQUE,
    allowed_cidrs       text[] NOT NULL,   -- "cidr label" per entry; a CIDR never contains a space
    tags                text[] NOT NULL,
    max_connections     integer NOT NULL,
    queries_per_second  integer NOT NULL,
    burst_size          integer NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX projects_org_idx ON proxy.projects (organization_id, created_at) WHERE status <> 'DELETED';

CREATE TABLE proxy.databases (
    id                     uuid PRIMARY KEY,
    project_id             uuid NOT NULL REFERENCES proxy.projects (id) ON DELETE CASCADE,
    host                   text NOT NULL,
    port                   integer NOT NULL,
    name                   text NOT NULL,
    username               text NOT NULL,
    sealed_password        text NOT NULL,      -- AES-256-GCM under the master key, never plaintext
    ssl_mode               text NOT NULL,
    role                   text NOT NULL,
    pool_size              integer NOT NULL,
    min_pool_size          integer NOT NULL,
    max_active             integer NOT NULL,
    pool_mode              text NOT NULL,
    cache_enabled          boolean NOT NULL,
    cache_ttl_seconds      integer NOT NULL,
    cache_max_entries      integer NOT NULL,
    cache_swr_seconds      integer NOT NULL,
    pool_region            text NOT NULL,
    query_timeout_ms       integer NOT NULL,
    auto_read_routing      boolean NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    deleted_at             timestamptz
);
CREATE INDEX databases_project_idx ON proxy.databases (project_id, created_at) WHERE deleted_at IS NULL;

CREATE TABLE proxy.replicas (
    id           uuid PRIMARY KEY,
    database_id  uuid NOT NULL REFERENCES proxy.databases (id) ON DELETE CASCADE,
    host         text NOT NULL,
    port         integer NOT NULL,
    ssl_mode     text NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX replicas_database_idx ON proxy.replicas (database_id, created_at);
