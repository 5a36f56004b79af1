package dev.tollgate.billing.domain.invoice;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a standard invoice is in its life, as OpenMeter's {@code statusDetails.extendedStatus} names it (digest 003b
 * §3.9): the short {@code status} is the part before the dot. Gathering invoices are not in the state machine; they
 * only collect pending lines until they are invoiced.
 */
public enum InvoiceState {
    GATHERING("gathering"),
    DRAFT_CREATED("draft.created"),
    DRAFT_WAITING_FOR_COLLECTION("draft.waiting_for_collection"),
    DRAFT_COLLECTING("draft.collecting"),
    DRAFT_UPDATING("draft.updating"),
    DRAFT_VALIDATING("draft.validating"),
    DRAFT_INVALID("draft.invalid"),
    DRAFT_SYNCING("draft.syncing"),
    DRAFT_SYNC_FAILED("draft.sync_failed"),
    DRAFT_WAITING_AUTO_APPROVAL("draft.waiting_auto_approval"),
    DRAFT_MANUAL_APPROVAL_NEEDED("draft.manual_approval_needed"),
    DRAFT_READY_TO_ISSUE("draft.ready_to_issue"),
    ISSUING_SYNCING("issuing.syncing"),
    ISSUING_FAILED("issuing.failed"),
    ISSUED("issued"),
    PAYMENT_PENDING("payment_processing.pending"),
    PAYMENT_FAILED("payment_processing.failed"),
    PAYMENT_ACTION_REQUIRED("payment_processing.action_required"),
    OVERDUE("overdue"),
    PAID("paid"),
    UNCOLLECTIBLE("uncollectible"),
    VOIDED("voided"),
    DELETE_IN_PROGRESS("delete.in_progress"),
    DELETE_SYNCING("delete.syncing"),
    DELETE_FAILED("delete.failed"),
    DELETED("deleted");

    private static final Map<String, InvoiceState> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(InvoiceState::extendedStatus, Function.identity()));
    private final String extendedStatus;

    InvoiceState(String extendedStatus) {
        this.extendedStatus = extendedStatus;
    }

    public static Optional<InvoiceState> of(String extendedStatus) {
        return Optional.ofNullable(BY_NAME.get(extendedStatus));
    }

    public String extendedStatus() {
        return extendedStatus;
    }

    /**
     * OpenMeter's short status. Only drafts can be deleted, so the deletion states answer {@code draft} (with
     * {@code deletedAt} set): OpenMeter's own answer, {@code deleted}, is not in the document's enum.
     */
    public String status() {
        if (this == DELETED || extendedStatus.startsWith("delete.")) {
            return "draft";
        }
        int dot = extendedStatus.indexOf('.');
        return dot < 0 ? extendedStatus : extendedStatus.substring(0, dot);
    }

    /** States that report {@code failed: true}: something went wrong and a retry is what moves them on. */
    public boolean failed() {
        return this == DRAFT_SYNC_FAILED || this == ISSUING_FAILED || this == PAYMENT_FAILED || this == DELETE_FAILED;
    }

    /** Whether the invoice has been issued: from here on its money changes only through void. */
    public boolean issued() {
        return ordinal() >= ISSUED.ordinal() && ordinal() <= VOIDED.ordinal();
    }
}
