-- Invoices (digest 003b §2.4): a gathering invoice per customer and currency collects pending lines; standard
-- invoices move through the state machine (`state` holds the extended status). Customer, supplier and workflow are
-- snapshots taken when the invoice was made. Totals are stored beside the lines they sum so listings and reports need
-- not re-price; `revision` makes concurrent saves of one invoice fail instead of overwriting each other.
CREATE TABLE billing.invoices (
    id                     uuid        PRIMARY KEY,
    namespace              uuid        NOT NULL,
    customer_id            text        NOT NULL,
    currency               text        NOT NULL,
    state                  text        NOT NULL,
    number                 text        NOT NULL,
    customer               jsonb       NOT NULL,
    supplier               jsonb       NOT NULL,
    terms                  jsonb       NOT NULL,
    description            text,
    metadata               jsonb,
    issued_at              timestamptz,
    draft_until            timestamptz,
    collection_at          timestamptz,
    due_at                 timestamptz,
    quantity_snapshoted_at timestamptz,
    voided_at              timestamptz,
    sent_to_customer_at    timestamptz,
    validation_issues      jsonb       NOT NULL,
    external_ids           jsonb,
    period_from            timestamptz,
    period_to              timestamptz,
    next_line_at           timestamptz,
    amount                 numeric     NOT NULL,
    charges_total          numeric     NOT NULL,
    discounts_total        numeric     NOT NULL,
    total                  numeric     NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    deleted_at             timestamptz,
    revision               bigint      NOT NULL
);

-- One gathering invoice per customer and currency: two racing pending-line requests cannot open two.
CREATE UNIQUE INDEX invoices_one_gathering ON billing.invoices (namespace, customer_id, currency)
    WHERE state = 'gathering' AND deleted_at IS NULL;
CREATE INDEX invoices_of_namespace ON billing.invoices (namespace, created_at);
CREATE INDEX invoices_of_customer ON billing.invoices (namespace, customer_id);
-- What the collecting worker looks for: gathering invoices whose earliest pending line has fallen due.
CREATE INDEX invoices_gathering_due ON billing.invoices (next_line_at) WHERE state = 'gathering' AND deleted_at IS NULL;
-- What the advancing worker looks for: drafts waiting on a clock.
CREATE INDEX invoices_waiting ON billing.invoices (state, collection_at, draft_until)
    WHERE state IN ('draft.waiting_for_collection', 'draft.waiting_auto_approval');

-- Lines belong to exactly one invoice at a time; invoicing pending lines moves them from the gathering invoice to a
-- new standard one. `children` are the detailed lines in OpenMeter's shape, with their ids, regenerated on pricing.
CREATE TABLE billing.invoice_lines (
    id                               uuid        PRIMARY KEY,
    namespace                        uuid        NOT NULL,
    invoice_id                       uuid        NOT NULL REFERENCES billing.invoices (id),
    position                         integer     NOT NULL,
    name                             text        NOT NULL,
    description                      text,
    metadata                         jsonb,
    managed_by                       text        NOT NULL,
    status                           text        NOT NULL,
    period_from                      timestamptz NOT NULL,
    period_to                        timestamptz NOT NULL,
    service_from                     timestamptz NOT NULL,
    service_to                       timestamptz NOT NULL,
    invoice_at                       timestamptz NOT NULL,
    rate_card                        jsonb       NOT NULL,
    split_group_id                   uuid,
    metered_quantity                 numeric,
    metered_pre_line_period_quantity numeric,
    quantity                         numeric,
    pre_line_period_quantity         numeric,
    children                         jsonb       NOT NULL,
    usage_discount                   jsonb,
    amount                           numeric,
    charges_total                    numeric,
    discounts_total                  numeric,
    total                            numeric,
    subscription                     jsonb,
    child_unique_reference_id        text,
    created_at                       timestamptz NOT NULL,
    updated_at                       timestamptz NOT NULL
);
CREATE INDEX invoice_lines_of_invoice ON billing.invoice_lines (invoice_id, position);
-- A subscription's line for one period exists once, whichever invoice holds it (re-syncs patch it, never duplicate).
CREATE UNIQUE INDEX invoice_lines_subscription_identity ON billing.invoice_lines (namespace, child_unique_reference_id, period_from)
    WHERE child_unique_reference_id IS NOT NULL;

-- Final invoice numbers: one counter per namespace and series, taken in the issuing transaction, so numbers are
-- unique and gap-free (a rolled-back issue rolls its number back too).
CREATE TABLE billing.invoice_number_series (
    namespace  uuid   NOT NULL,
    series     text   NOT NULL,
    last_value bigint NOT NULL,
    PRIMARY KEY (namespace, series)
);
