package dev.tollgate.billing.application.service;

import java.util.UUID;

/** Looks up the invoicing app an invoice's workflow names, to know how it takes part in issuing. */
interface InvoicingApps {
    /** The app by id; an app uninstalled since the invoice was made answers as it was last configured, or the sandbox. */
    InvoicingApp of(UUID namespace, String appId);
}
