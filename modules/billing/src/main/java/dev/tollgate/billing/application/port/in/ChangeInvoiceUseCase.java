package dev.tollgate.billing.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** Editing, deleting and acting on an invoice, each allowed exactly in the states the state machine gives. */
public interface ChangeInvoiceUseCase {
    enum Action { ADVANCE, APPROVE, RETRY, SNAPSHOT_QUANTITIES, VOID, RECALCULATE_TAXES }

    ShownInvoice update(Caller caller, String invoiceId, Map<String, Object> body);

    void delete(Caller caller, String invoiceId);

    /** @param body the action's request body ({@code void}'s VoidInvoiceActionInput); empty for the others */
    ShownInvoice act(Caller caller, String invoiceId, Action action, Map<String, Object> body);

    /** The worker's round: advances invoices whose collection or draft period is over; returns how many moved. */
    int advanceWaiting(java.time.Instant now, int limit);
}
