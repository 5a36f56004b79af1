-- An organization invites an email address; the person holding an account with that email accepts or declines.
-- Inviting never tells the inviter whether an account exists, which adding members directly by email did.
CREATE TABLE tenancy.invitations (
    id               uuid PRIMARY KEY,
    public_id        text NOT NULL UNIQUE,
    organization_id  uuid NOT NULL REFERENCES tenancy.organizations (id) ON DELETE CASCADE,
    email            text NOT NULL,
    role             text NOT NULL,
    invited_by       uuid,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    UNIQUE (organization_id, email)
);
CREATE INDEX invitations_email_idx ON tenancy.invitations (email);
