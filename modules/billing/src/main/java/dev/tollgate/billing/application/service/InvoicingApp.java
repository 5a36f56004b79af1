package dev.tollgate.billing.application.service;

/**
 * How an invoice's invoicing app takes part in its workflow (digest 003b §3.11): the sandbox issues and collects by
 * itself; a custom-invoicing app with a sync hook holds the invoice in {@code draft.syncing} or
 * {@code issuing.syncing} until the external system reports back.
 *
 * @param type {@code sandbox}, {@code custom_invoicing} or {@code stripe}
 */
record InvoicingApp(String type, boolean draftSyncHook, boolean issuingSyncHook) {
    static final InvoicingApp SANDBOX = new InvoicingApp("sandbox", false, false);

    boolean sandbox() {
        return "sandbox".equals(type);
    }
}
