-- PlanetScale's bouncers (named pools of a managed branch) and the first-seen record of each allowed client network
-- (PlanetScale's IP restrictions are a project's allowed_cidrs with an id and a creation time). ADR 0056.

CREATE TABLE proxy.bouncers (
    id          uuid PRIMARY KEY,
    branch_id   uuid NOT NULL REFERENCES proxy.branches (id) ON DELETE CASCADE,
    name        text NOT NULL,
    pool_size   integer NOT NULL,
    pool_mode   text NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    deleted_at  timestamptz
);
CREATE UNIQUE INDEX bouncers_name_idx ON proxy.bouncers (branch_id, name) WHERE deleted_at IS NULL;

CREATE TABLE proxy.cidr_entries (
    project_id  uuid NOT NULL REFERENCES proxy.projects (id) ON DELETE CASCADE,
    cidr        text NOT NULL,
    id          uuid NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (project_id, cidr)
);
