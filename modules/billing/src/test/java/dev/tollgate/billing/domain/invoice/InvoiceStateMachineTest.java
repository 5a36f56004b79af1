package dev.tollgate.billing.domain.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The transitions of digest 003b §3.9, row by row, with the guards that hold them back. */
class InvoiceStateMachineTest {
    static final Instant NOW = Instant.parse("2025-02-01T12:00:00Z");
    static final InvoiceConditions READY = new InvoiceConditions(NOW, NOW.minusSeconds(1), NOW.minusSeconds(1), true, false, true, true);

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "draft.created, NEXT, draft.waiting_for_collection",
            "draft.created, FAILED, draft.invalid",
            "draft.created, UPDATE, draft.updating",
            "draft.created, DELETE, delete.in_progress",
            "draft.waiting_for_collection, NEXT, draft.collecting",
            "draft.waiting_for_collection, SNAPSHOT_QUANTITIES, draft.collecting",
            "draft.collecting, NEXT, draft.validating",
            "draft.updating, NEXT, draft.waiting_for_collection",
            "draft.validating, NEXT, draft.syncing",
            "draft.validating, FAILED, draft.invalid",
            "draft.invalid, RETRY, draft.validating",
            "draft.syncing, NEXT, draft.waiting_auto_approval",
            "draft.syncing, FAILED, draft.sync_failed",
            "draft.sync_failed, RETRY, draft.validating",
            "draft.waiting_auto_approval, NEXT, draft.ready_to_issue",
            "draft.waiting_auto_approval, APPROVE, draft.ready_to_issue",
            "draft.manual_approval_needed, APPROVE, draft.ready_to_issue",
            "draft.ready_to_issue, NEXT, issuing.syncing",
            "issuing.syncing, NEXT, issued",
            "issuing.syncing, FAILED, issuing.failed",
            "issuing.failed, RETRY, issuing.syncing",
            "issued, NEXT, payment_processing.pending",
            "issued, VOID, voided",
            "payment_processing.pending, PAYMENT_SUCCEEDED, paid",
            "payment_processing.pending, FAILED, payment_processing.failed",
            "payment_processing.pending, PAYMENT_UNCOLLECTIBLE, uncollectible",
            "payment_processing.pending, PAYMENT_OVERDUE, overdue",
            "payment_processing.pending, PAYMENT_NEEDS_ACTION, payment_processing.action_required",
            "payment_processing.failed, RETRY, payment_processing.pending",
            "payment_processing.action_required, FAILED, payment_processing.failed",
            "overdue, PAYMENT_SUCCEEDED, paid",
            "overdue, RETRY, payment_processing.pending",
            "uncollectible, VOID, voided",
            "uncollectible, PAYMENT_SUCCEEDED, paid",
            "delete.in_progress, NEXT, delete.syncing",
            "delete.syncing, NEXT, deleted",
            "delete.failed, RETRY, delete.in_progress",
    })
    void aTriggerLeadsWhereTheTableSays(String from, InvoiceTrigger trigger, String to) {
        assertEquals(Optional.of(state(to)), InvoiceStateMachine.fire(state(from), trigger, READY));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
            "draft.created, APPROVE", "draft.manual_approval_needed, NEXT", "draft.updating, UPDATE",
            "draft.syncing, UPDATE", "issuing.syncing, UPDATE", "issued, DELETE", "issued, UPDATE", "paid, VOID", "paid, PAYMENT_SUCCEEDED",
            "voided, NEXT", "overdue, VOID", "deleted, RETRY", "gathering, NEXT", "draft.invalid, NEXT", "payment_processing.pending, NEXT",
    })
    void triggersOutsideTheTableAreRefused(String from, InvoiceTrigger trigger) {
        assertFalse(InvoiceStateMachine.can(state(from), trigger, READY));
    }

    @Test
    void collectionWaitsForCollectionAtAndApprovalForTheDraftPeriod() {
        InvoiceConditions early = new InvoiceConditions(NOW, NOW.plusSeconds(60), NOW.plusSeconds(120), true, false, true, true);
        assertFalse(InvoiceStateMachine.can(InvoiceState.DRAFT_WAITING_FOR_COLLECTION, InvoiceTrigger.NEXT, early));
        assertTrue(InvoiceStateMachine.can(InvoiceState.DRAFT_WAITING_FOR_COLLECTION, InvoiceTrigger.SNAPSHOT_QUANTITIES, early),
                "snapshotting skips the collection period");
        assertFalse(InvoiceStateMachine.can(InvoiceState.DRAFT_WAITING_AUTO_APPROVAL, InvoiceTrigger.NEXT, early));
        assertTrue(InvoiceStateMachine.can(InvoiceState.DRAFT_WAITING_AUTO_APPROVAL, InvoiceTrigger.APPROVE, early));
        assertEquals(InvoiceState.DRAFT_WAITING_FOR_COLLECTION, InvoiceStateMachine.settle(InvoiceState.DRAFT_CREATED, early));
    }

    @Test
    void withoutAutoAdvanceADraftStopsForManualApproval() {
        InvoiceConditions manual = new InvoiceConditions(NOW, null, null, false, false, true, true);
        assertEquals(InvoiceState.DRAFT_MANUAL_APPROVAL_NEEDED, InvoiceStateMachine.settle(InvoiceState.DRAFT_CREATED, manual));
        assertEquals(InvoiceState.PAYMENT_PENDING, InvoiceStateMachine.settle(InvoiceState.DRAFT_READY_TO_ISSUE, manual));
    }

    @Test
    void criticalIssuesStopValidationAndApproval() {
        InvoiceConditions broken = new InvoiceConditions(NOW, null, null, true, true, true, true);
        assertEquals(InvoiceState.DRAFT_VALIDATING, InvoiceStateMachine.settle(InvoiceState.DRAFT_CREATED, broken));
        assertFalse(InvoiceStateMachine.can(InvoiceState.DRAFT_MANUAL_APPROVAL_NEEDED, InvoiceTrigger.APPROVE, broken));
    }

    @Test
    void aSyncHookHoldsTheInvoiceUntilTheAppReportsBack() {
        InvoiceConditions waitingForDraftSync = new InvoiceConditions(NOW, null, null, true, false, false, true);
        assertEquals(InvoiceState.DRAFT_SYNCING, InvoiceStateMachine.settle(InvoiceState.DRAFT_CREATED, waitingForDraftSync));
        InvoiceConditions waitingForIssuingSync = new InvoiceConditions(NOW, null, null, true, false, true, false);
        assertEquals(InvoiceState.ISSUING_SYNCING, InvoiceStateMachine.settle(InvoiceState.DRAFT_CREATED, waitingForIssuingSync));
    }

    @Test
    void statusDetailsListEachAvailableActionWithWhereItEnds() {
        InvoiceConditions manual = new InvoiceConditions(NOW, null, null, false, false, true, true);
        StatusDetails details = StatusDetails.of(InvoiceState.DRAFT_MANUAL_APPROVAL_NEEDED, manual);
        assertEquals(Map.of("approve", "payment_processing.pending", "delete", "deleted"), details.availableActions());
        assertFalse(details.immutable());
        assertFalse(details.failed());
        assertEquals("draft.manual_approval_needed", details.extendedStatus());

        StatusDetails issued = StatusDetails.of(InvoiceState.ISSUED, manual);
        assertTrue(issued.immutable());
        assertEquals(Map.of("advance", "payment_processing.pending", "void", "voided"), issued.availableActions());

        StatusDetails failed = StatusDetails.of(InvoiceState.DRAFT_SYNC_FAILED, manual);
        assertTrue(failed.failed());
        assertEquals("draft.manual_approval_needed", failed.availableActions().get("retry"));

        assertEquals(Map.of("invoice", ""), StatusDetails.of(InvoiceState.GATHERING, manual).availableActions());
        assertEquals("payment_processing", InvoiceState.PAYMENT_FAILED.status());
        assertEquals("draft", InvoiceState.DELETE_IN_PROGRESS.status());
    }

    private static InvoiceState state(String extended) {
        return InvoiceState.of(extended).orElseThrow();
    }
}
