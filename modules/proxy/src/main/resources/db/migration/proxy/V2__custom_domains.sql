-- PgBeam custom domains: a hostname a project's clients may connect with, once its owner proves control of it with a
-- DNS TXT record. Any project may claim a name; only one, across all organizations, can hold it verified, so an
-- unverified claim never blocks whoever really controls the name.
CREATE TABLE proxy.custom_domains (
    id                 uuid        PRIMARY KEY,
    project_id         uuid        NOT NULL REFERENCES proxy.projects (id) ON DELETE CASCADE,
    domain             text        NOT NULL,
    verification_token text        NOT NULL,
    verified_at        timestamptz,
    tls_cert_expiry    timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE UNIQUE INDEX custom_domains_one_owner ON proxy.custom_domains (domain) WHERE verified_at IS NOT NULL;
CREATE UNIQUE INDEX custom_domains_once_per_project ON proxy.custom_domains (project_id, domain);
CREATE INDEX custom_domains_by_project ON proxy.custom_domains (project_id, created_at, id);
