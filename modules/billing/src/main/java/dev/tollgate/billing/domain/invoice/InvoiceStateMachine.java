package dev.tollgate.billing.domain.invoice;

import static dev.tollgate.billing.domain.invoice.InvoiceState.*;
import static dev.tollgate.billing.domain.invoice.InvoiceTrigger.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * OpenMeter's invoice state machine (digest 003b §3.9), as a table: for each state, the triggers it accepts, in
 * order, each with the state it leads to and the guard that must hold. Where a trigger is listed twice (draft syncing
 * goes to manual or automatic approval), the first whose guard holds wins. Nothing here has side effects: the
 * application runs each state's entry work (collecting quantities, validating, syncing with the app, finalizing) as
 * the driver passes through it.
 */
public final class InvoiceStateMachine {
    private record Transition(InvoiceTrigger trigger, InvoiceState target, Predicate<InvoiceConditions> guard) {
    }

    private static final Predicate<InvoiceConditions> ALWAYS = c -> true;
    private static final Predicate<InvoiceConditions> NO_CRITICAL_ISSUES = c -> !c.criticalIssues();
    private static final Map<InvoiceState, List<Transition>> TABLE = new EnumMap<>(InvoiceState.class);

    static {
        on(DRAFT_CREATED, NEXT, DRAFT_WAITING_FOR_COLLECTION);
        on(DRAFT_CREATED, FAILED, DRAFT_INVALID);
        editable(DRAFT_CREATED);
        on(DRAFT_WAITING_FOR_COLLECTION, NEXT, DRAFT_COLLECTING, InvoiceConditions::collectionDue);
        on(DRAFT_WAITING_FOR_COLLECTION, SNAPSHOT_QUANTITIES, DRAFT_COLLECTING);
        editable(DRAFT_WAITING_FOR_COLLECTION);
        on(DRAFT_COLLECTING, NEXT, DRAFT_VALIDATING);
        on(DRAFT_COLLECTING, FAILED, DRAFT_INVALID);
        editable(DRAFT_COLLECTING);
        on(DRAFT_UPDATING, NEXT, DRAFT_WAITING_FOR_COLLECTION);
        on(DRAFT_UPDATING, FAILED, DRAFT_INVALID);
        on(DRAFT_UPDATING, DELETE, DELETE_IN_PROGRESS);
        on(DRAFT_VALIDATING, NEXT, DRAFT_SYNCING, NO_CRITICAL_ISSUES);
        on(DRAFT_VALIDATING, FAILED, DRAFT_INVALID);
        editable(DRAFT_VALIDATING);
        on(DRAFT_INVALID, RETRY, DRAFT_VALIDATING);
        editable(DRAFT_INVALID);
        on(DRAFT_SYNCING, NEXT, DRAFT_MANUAL_APPROVAL_NEEDED, c -> !c.autoAdvance() && !c.criticalIssues() && c.draftSyncDone());
        on(DRAFT_SYNCING, NEXT, DRAFT_WAITING_AUTO_APPROVAL, c -> c.autoAdvance() && !c.criticalIssues() && c.draftSyncDone());
        on(DRAFT_SYNCING, FAILED, DRAFT_SYNC_FAILED);
        on(DRAFT_SYNCING, DELETE, DELETE_IN_PROGRESS);
        on(DRAFT_SYNC_FAILED, RETRY, DRAFT_VALIDATING);
        editable(DRAFT_SYNC_FAILED);
        on(DRAFT_WAITING_AUTO_APPROVAL, NEXT, DRAFT_READY_TO_ISSUE, c -> c.draftPeriodOver() && !c.criticalIssues());
        on(DRAFT_WAITING_AUTO_APPROVAL, APPROVE, DRAFT_READY_TO_ISSUE, NO_CRITICAL_ISSUES);
        editable(DRAFT_WAITING_AUTO_APPROVAL);
        on(DRAFT_MANUAL_APPROVAL_NEEDED, APPROVE, DRAFT_READY_TO_ISSUE, NO_CRITICAL_ISSUES);
        editable(DRAFT_MANUAL_APPROVAL_NEEDED);
        on(DRAFT_READY_TO_ISSUE, NEXT, ISSUING_SYNCING);
        editable(DRAFT_READY_TO_ISSUE);
        on(ISSUING_SYNCING, NEXT, ISSUED, InvoiceConditions::issuingSyncDone);
        on(ISSUING_SYNCING, FAILED, ISSUING_FAILED);
        on(ISSUING_SYNCING, DELETE, DELETE_IN_PROGRESS);
        on(ISSUING_FAILED, RETRY, ISSUING_SYNCING);
        on(ISSUING_FAILED, DELETE, DELETE_IN_PROGRESS);
        on(ISSUED, NEXT, PAYMENT_PENDING);
        on(ISSUED, VOID, VOIDED);
        on(PAYMENT_PENDING, PAYMENT_SUCCEEDED, PAID);
        on(PAYMENT_PENDING, FAILED, PAYMENT_FAILED);
        on(PAYMENT_PENDING, PAYMENT_UNCOLLECTIBLE, UNCOLLECTIBLE);
        on(PAYMENT_PENDING, PAYMENT_OVERDUE, OVERDUE);
        on(PAYMENT_PENDING, PAYMENT_NEEDS_ACTION, PAYMENT_ACTION_REQUIRED);
        on(PAYMENT_PENDING, VOID, VOIDED);
        on(PAYMENT_FAILED, PAYMENT_SUCCEEDED, PAID);
        on(PAYMENT_FAILED, RETRY, PAYMENT_PENDING);
        on(PAYMENT_FAILED, PAYMENT_OVERDUE, OVERDUE);
        on(PAYMENT_FAILED, PAYMENT_UNCOLLECTIBLE, UNCOLLECTIBLE);
        on(PAYMENT_FAILED, PAYMENT_NEEDS_ACTION, PAYMENT_ACTION_REQUIRED);
        on(PAYMENT_FAILED, VOID, VOIDED);
        on(PAYMENT_ACTION_REQUIRED, PAYMENT_SUCCEEDED, PAID);
        on(PAYMENT_ACTION_REQUIRED, FAILED, PAYMENT_FAILED);
        on(PAYMENT_ACTION_REQUIRED, RETRY, PAYMENT_PENDING);
        on(PAYMENT_ACTION_REQUIRED, PAYMENT_OVERDUE, OVERDUE);
        on(PAYMENT_ACTION_REQUIRED, PAYMENT_UNCOLLECTIBLE, UNCOLLECTIBLE);
        on(PAYMENT_ACTION_REQUIRED, VOID, VOIDED);
        on(OVERDUE, PAYMENT_SUCCEEDED, PAID);
        on(OVERDUE, FAILED, PAYMENT_FAILED);
        on(OVERDUE, RETRY, PAYMENT_PENDING);
        on(OVERDUE, PAYMENT_UNCOLLECTIBLE, UNCOLLECTIBLE);
        on(OVERDUE, PAYMENT_NEEDS_ACTION, PAYMENT_ACTION_REQUIRED);
        on(UNCOLLECTIBLE, VOID, VOIDED);
        on(UNCOLLECTIBLE, PAYMENT_SUCCEEDED, PAID);
        on(DELETE_IN_PROGRESS, NEXT, DELETE_SYNCING);
        on(DELETE_IN_PROGRESS, FAILED, DELETE_FAILED);
        on(DELETE_SYNCING, NEXT, DELETED);
        on(DELETE_SYNCING, FAILED, DELETE_FAILED);
        on(DELETE_FAILED, RETRY, DELETE_IN_PROGRESS);
    }

    private InvoiceStateMachine() {
    }

    private static void on(InvoiceState from, InvoiceTrigger trigger, InvoiceState to) {
        on(from, trigger, to, ALWAYS);
    }

    private static void on(InvoiceState from, InvoiceTrigger trigger, InvoiceState to, Predicate<InvoiceConditions> guard) {
        TABLE.computeIfAbsent(from, k -> new ArrayList<>()).add(new Transition(trigger, to, guard));
    }

    /** A draft that people may still edit (update) or delete, as most draft states are. */
    private static void editable(InvoiceState state) {
        on(state, UPDATE, DRAFT_UPDATING);
        on(state, DELETE, DELETE_IN_PROGRESS);
    }

    /** Where {@code trigger} leads from {@code state} now, if it is allowed and its guard holds. */
    public static Optional<InvoiceState> fire(InvoiceState state, InvoiceTrigger trigger, InvoiceConditions conditions) {
        for (Transition t : TABLE.getOrDefault(state, List.of())) {
            if (t.trigger() == trigger && t.guard().test(conditions)) {
                return Optional.of(t.target());
            }
        }
        return Optional.empty();
    }

    public static boolean can(InvoiceState state, InvoiceTrigger trigger, InvoiceConditions conditions) {
        return fire(state, trigger, conditions).isPresent();
    }

    /**
     * Where automatic steps ({@code NEXT}) would take the invoice from {@code state} under unchanged conditions: the
     * resulting state an action shows before anyone fires it.
     */
    public static InvoiceState settle(InvoiceState state, InvoiceConditions conditions) {
        InvoiceState current = state;
        for (int steps = 0; steps < InvoiceState.values().length; steps++) {
            Optional<InvoiceState> next = fire(current, NEXT, conditions);
            if (next.isEmpty()) {
                return current;
            }
            current = next.get();
        }
        throw new IllegalStateException("the invoice state machine loops from " + state);
    }
}
