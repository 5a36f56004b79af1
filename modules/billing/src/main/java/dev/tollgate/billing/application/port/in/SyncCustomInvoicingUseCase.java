package dev.tollgate.billing.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/**
 * The callbacks of a custom-invoicing app's external system (digest 003b §3.11): it reports that it synchronized an
 * invoice's draft or issued it, and what happened to its payment. Each is valid only in the state that waits for it.
 */
public interface SyncCustomInvoicingUseCase {
    void draftSynchronized(Caller caller, String invoiceId, Map<String, Object> body);

    void issuingSynchronized(Caller caller, String invoiceId, Map<String, Object> body);

    void paymentStatus(Caller caller, String invoiceId, Map<String, Object> body);
}
