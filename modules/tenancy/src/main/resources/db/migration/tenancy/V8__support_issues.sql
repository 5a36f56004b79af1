-- Support issues a workspace's people file with the operator, and the conversation on each. An issue's number counts
-- within its workspace (Centrali's integer id), so it tells nobody how many issues other workspaces have.
CREATE TABLE tenancy.support_issues (
    id               uuid PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    number           integer NOT NULL,
    summary          text NOT NULL,
    description      text NOT NULL,
    type             text NOT NULL,
    priority         text NOT NULL,
    category         text,
    status           text NOT NULL,
    created_by       text NOT NULL,
    assigned_to      text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    UNIQUE (organization_id, number)
);
CREATE INDEX support_issues_status_idx ON tenancy.support_issues (organization_id, status, number DESC);

CREATE TABLE tenancy.support_comments (
    id            uuid PRIMARY KEY,             -- UUIDv7: the conversation's order and its cursor
    issue_id      uuid NOT NULL REFERENCES tenancy.support_issues (id) ON DELETE CASCADE,
    comment       text NOT NULL,
    type          text NOT NULL,
    display_name  text,
    author_id     text NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX support_comments_issue_idx ON tenancy.support_comments (issue_id, id);
