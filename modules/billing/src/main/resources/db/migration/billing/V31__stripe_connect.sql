-- Stripe Connect OAuth install (ADR 0047). A Stripe app installed through Connect has no API key of its own: it is
-- called with the platform's secret key (the operator's configuration) on behalf of its connected account, so its
-- secrets row names that account instead of holding a sealed key.
ALTER TABLE billing.stripe_app_secrets
    ALTER COLUMN api_key_sealed DROP NOT NULL,
    ADD COLUMN connected_account_id text,
    ADD CONSTRAINT stripe_app_secrets_one_credential CHECK ((api_key_sealed IS NULL) <> (connected_account_id IS NULL));

-- The OAuth2 state of an install that was started and not yet finished: one use, expiring, bound to the namespace that
-- asked for the install URL. Only its SHA-256 is kept (like API keys): a leaked table starts no install.
CREATE TABLE billing.oauth2_install_states (
    state_hash text        PRIMARY KEY,
    namespace  uuid        NOT NULL,
    app_type   text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX oauth2_install_states_expiry ON billing.oauth2_install_states (expires_at);
