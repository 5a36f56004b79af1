-- Tenancy: users, organizations (= workspaces), memberships, teams, credentials.
-- Every table lives in schema "tenancy"; no other module reads it directly.

CREATE TABLE tenancy.users (
    id                       uuid PRIMARY KEY,
    public_id                text NOT NULL UNIQUE,
    email                    text NOT NULL,
    name                     text NOT NULL,
    password_hash            text NOT NULL,
    current_organization_id  uuid,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON tenancy.users (lower(email));

CREATE SEQUENCE tenancy.organization_number_seq;

CREATE TABLE tenancy.organizations (
    id             uuid PRIMARY KEY,
    public_id      text NOT NULL UNIQUE,
    number         bigint NOT NULL UNIQUE,
    slug           text NOT NULL,
    name           text NOT NULL,
    description    text,
    icon           text,
    color          text,
    type           text NOT NULL,
    active         boolean NOT NULL,
    billing_email  text,
    plan           text NOT NULL,
    owner_id       uuid NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    deleted_at     timestamptz,
    purge_after    timestamptz
);
-- A slug stays taken during the grace period, so a restore never finds it reused.
CREATE UNIQUE INDEX organizations_slug_key ON tenancy.organizations (slug);
CREATE INDEX organizations_purge_idx ON tenancy.organizations (purge_after) WHERE deleted_at IS NOT NULL;

CREATE TABLE tenancy.memberships (
    id               uuid PRIMARY KEY,
    public_id        text NOT NULL UNIQUE,
    organization_id  uuid NOT NULL REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    user_id          uuid NOT NULL REFERENCES tenancy.users (id) ON DELETE CASCADE,
    role             text NOT NULL,
    created_at       timestamptz NOT NULL,
    UNIQUE (organization_id, user_id)
);
CREATE INDEX memberships_user_idx ON tenancy.memberships (user_id);

CREATE TABLE tenancy.teams (
    id               uuid PRIMARY KEY,
    public_id        text NOT NULL UNIQUE,
    organization_id  uuid NOT NULL REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    slug             text NOT NULL,
    name             text NOT NULL,
    description      text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (organization_id, slug)
);

CREATE TABLE tenancy.team_members (
    team_id   uuid NOT NULL REFERENCES tenancy.teams (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL REFERENCES tenancy.users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE tenancy.api_keys (
    id               uuid PRIMARY KEY,
    public_id        text NOT NULL UNIQUE,
    organization_id  uuid NOT NULL REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    created_by       uuid,
    name             text NOT NULL,
    prefix           text NOT NULL,
    secret_hash      text NOT NULL UNIQUE,
    scopes           text NOT NULL,
    created_at       timestamptz NOT NULL,
    last_used_at     timestamptz,
    revoked_at       timestamptz
);
CREATE INDEX api_keys_org_idx ON tenancy.api_keys (organization_id);

CREATE TABLE tenancy.service_tokens (
    id               uuid PRIMARY KEY,
    public_id        text NOT NULL UNIQUE,
    organization_id  uuid NOT NULL REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    name             text NOT NULL,
    secret_hash      text NOT NULL,
    created_at       timestamptz NOT NULL,
    last_used_at     timestamptz
);
CREATE INDEX service_tokens_org_idx ON tenancy.service_tokens (organization_id);

CREATE TABLE tenancy.service_token_accesses (
    id                uuid PRIMARY KEY,
    public_id         text NOT NULL UNIQUE,
    service_token_id  uuid NOT NULL REFERENCES tenancy.service_tokens (id) ON DELETE CASCADE,
    access            text NOT NULL,
    database_name     text,
    created_at        timestamptz NOT NULL
);

CREATE TABLE tenancy.sessions (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES tenancy.users (id) ON DELETE CASCADE,
    secret_hash  text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
