package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceConditions;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.invoice.InvoiceStateMachine;
import dev.tollgate.billing.domain.invoice.InvoiceTiming;
import dev.tollgate.billing.domain.invoice.InvoiceTrigger;
import dev.tollgate.billing.domain.invoice.StatusDetails;
import dev.tollgate.platform.domain.DomainException;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Moves standard invoices through the state machine (digest 003b §4.4): fires a trigger, runs the entry work of each
 * state it passes (collect quantities, recalculate and validate, number and issue), follows the automatic steps until
 * none is possible, and saves and announces the result. Entry work that fails moves the invoice to its failed state
 * with the problem as a critical validation issue, instead of losing the transition. Callers hold the invoice's lock.
 */
@Singleton
class InvoiceDriver {
    /** OpenMeter's metadata key that makes a sandbox invoice end in another payment state than paid (for testing). */
    static final String SANDBOX_TARGET = "openmeter.io/sandbox/target-payment-status";
    static final String DRAFT_SYNCED = "_draftSyncedAt";
    static final String ISSUING_SYNCED = "_issuingSyncedAt";
    private final InvoiceStore store;
    private final InvoicePricing pricing;
    private final InvoiceNumbers numbers;
    private final InvoiceEvents events;
    private final InvoicingApps apps;
    private final InvoiceSubjects subjects;
    private final Clock clock;

    InvoiceDriver(InvoiceStore store, InvoicePricing pricing, InvoiceNumbers numbers, InvoiceEvents events, InvoicingApps apps,
                  InvoiceSubjects subjects, Clock clock) {
        this.store = store;
        this.pricing = pricing;
        this.numbers = numbers;
        this.events = events;
        this.apps = apps;
        this.subjects = subjects;
        this.clock = clock;
    }

    /** The invoice's usage subjects, read at most once per driven step (collecting and validating both need them). */
    private Supplier<List<String>> subjectsOf(Invoice invoice) {
        List<List<String>> read = new ArrayList<>(1);
        return () -> {
            if (read.isEmpty()) {
                read.add(subjects.of(invoice));
            }
            return read.get(0);
        };
    }

    InvoiceConditions conditions(Invoice invoice, Instant now) {
        return conditions(invoice, now, apps.of(invoice.namespace(), invoice.terms().invoicingAppId()));
    }

    private static InvoiceConditions conditions(Invoice invoice, Instant now, InvoicingApp app) {
        Map<String, Object> ids = invoice.externalIds() == null ? Map.of() : invoice.externalIds();
        return new InvoiceConditions(now, invoice.collectionAt(), invoice.draftUntil(), invoice.terms().autoAdvance(), invoice.criticalIssues(),
                !app.draftSyncHook() || ids.containsKey(DRAFT_SYNCED), !app.issuingSyncHook() || ids.containsKey(ISSUING_SYNCED));
    }

    StatusDetails details(Invoice invoice) {
        return StatusDetails.of(invoice.state(), conditions(invoice, clock.instant()));
    }

    /**
     * A newly made standard invoice: advanced as far as it goes now, then stored once and announced as created. One
     * that waits for its collection time is priced on the usage so far, so it shows what it will bill. The caller has
     * just resolved the customer, so it passes the values its usage is attributed to.
     */
    Invoice start(Invoice created, List<String> usageSubjects) {
        List<InvoiceState> passed = new ArrayList<>();
        Supplier<List<String>> subjectsOf = () -> usageSubjects;
        Invoice settled = follow(created, apps.of(created.namespace(), created.terms().invoicingAppId()), passed, subjectsOf);
        if (settled.state() == InvoiceState.DRAFT_WAITING_FOR_COLLECTION) {
            settled = pricing.measured(settled, usageSubjects, clock.instant());
        }
        settled = numbers.assigned(settled);
        store.insert(settled);
        events.created(settled, created.state(), passed);
        return settled;
    }

    /** Fires an action's trigger, or refuses with {@code invoice_action_not_available} and what the invoice allows instead. */
    Invoice act(Invoice invoice, InvoiceTrigger trigger) {
        Instant now = clock.instant();
        InvoicingApp app = apps.of(invoice.namespace(), invoice.terms().invoicingAppId());
        InvoiceState target = InvoiceStateMachine.fire(invoice.state(), trigger, conditions(invoice, now, app))
                .orElseThrow(() -> refused(invoice, trigger));
        List<InvoiceState> passed = new ArrayList<>(List.of(target));
        Supplier<List<String>> subjectsOf = subjectsOf(invoice);
        Invoice entered = enter(invoice.withState(target, now), now, app, subjectsOf);
        if (entered.state() != target) {
            passed.add(entered.state()); // the entry work failed into the failed state
        }
        return saved(invoice, follow(entered, app, passed, subjectsOf), true, passed);
    }

    /** Follows the automatic steps from where the invoice is; saves and announces when anything moved. */
    Invoice advance(Invoice invoice) {
        List<InvoiceState> passed = new ArrayList<>();
        return saved(invoice, follow(invoice, apps.of(invoice.namespace(), invoice.terms().invoicingAppId()), passed, subjectsOf(invoice)),
                false, passed);
    }

    /** An invoice the caller has changed (an app's sync result): saved, announced, and advanced as far as it goes. */
    Invoice advanceChanged(Invoice changed) {
        List<InvoiceState> passed = new ArrayList<>();
        return saved(changed, follow(changed, apps.of(changed.namespace(), changed.terms().invoicingAppId()), passed, subjectsOf(changed)),
                true, passed);
    }

    /**
     * Saves the invoice when the action or the steps after it changed anything, and announces every state it passed
     * through (one {@code invoice.updated} per transition), or the change itself when it stayed where it was.
     */
    private Invoice saved(Invoice before, Invoice after, boolean acted, List<InvoiceState> passed) {
        if (!acted && after == before) {
            return before;
        }
        Invoice stored = store.save(numbers.assigned(after));
        events.moved(stored, passed.isEmpty() ? List.of(stored.state()) : passed);
        return stored;
    }

    /** The automatic steps from where the invoice is, each state's entry work done on the way; nothing stored. */
    private Invoice follow(Invoice invoice, InvoicingApp app, List<InvoiceState> passed, Supplier<List<String>> subjectsOf) {
        Invoice current = invoice;
        for (int steps = 0; steps < InvoiceState.values().length; steps++) {
            Instant now = clock.instant();
            Optional<InvoiceState> next = InvoiceStateMachine.fire(current.state(), InvoiceTrigger.NEXT, conditions(current, now, app));
            if (next.isEmpty()) {
                break;
            }
            passed.add(next.get());
            current = enter(current.withState(next.get(), now), now, app, subjectsOf);
            if (current.state() != next.get()) {
                passed.add(current.state());
            }
        }
        Invoice collected = collectInSandbox(current, app);
        if (collected.state() != current.state()) {
            passed.add(collected.state());
        }
        return collected;
    }

    /** The sandbox "collects" at once: a pending payment becomes paid, or the state its metadata asks for. */
    private Invoice collectInSandbox(Invoice invoice, InvoicingApp app) {
        if (invoice.state() != InvoiceState.PAYMENT_PENDING || !app.sandbox()) {
            return invoice;
        }
        String target = invoice.metadata() == null ? null : invoice.metadata().get(SANDBOX_TARGET);
        InvoiceTrigger trigger = switch (target == null ? "paid" : target) {
            case "failed" -> InvoiceTrigger.FAILED;
            case "uncollectible" -> InvoiceTrigger.PAYMENT_UNCOLLECTIBLE;
            case "action_required" -> InvoiceTrigger.PAYMENT_NEEDS_ACTION;
            default -> InvoiceTrigger.PAYMENT_SUCCEEDED;
        };
        Instant now = clock.instant();
        return InvoiceStateMachine.fire(invoice.state(), trigger, conditions(invoice, now, app)).map(state -> invoice.withState(state, now))
                .orElse(invoice);
    }

    /** The entry work of {@code invoice.state()}; a failure moves the invoice to the failed state the machine allows. */
    private Invoice enter(Invoice invoice, Instant now, InvoicingApp app, Supplier<List<String>> subjectsOf) {
        try {
            return switch (invoice.state()) {
                case DRAFT_COLLECTING -> {
                    Invoice measured = pricing.measured(invoice, subjectsOf.get(), now);
                    // The draft period runs from the snapshot: snapshotting early skips the rest of the collection wait.
                    yield measured.snapshotted(measured.lines(), now).withTiming(InvoiceTiming.afterCollection(measured, now));
                }
                case DRAFT_UPDATING -> {
                    Invoice recalculated = pricing.recalculated(invoice, subjectsOf.get(), now);
                    yield recalculated.withTiming(InvoiceTiming.of(recalculated.lines(), recalculated.terms(), recalculated.createdAt()));
                }
                case DRAFT_VALIDATING -> {
                    Invoice validated = validated(pricing.recalculated(invoice, subjectsOf.get(), now), now);
                    // Critical issues fail validation: the invoice waits in draft.invalid for an edit and a retry.
                    yield validated.criticalIssues() ? validated.withState(InvoiceState.DRAFT_INVALID, now) : validated;
                }
                case ISSUING_SYNCING -> issue(invoice, now, app);
                case VOIDED -> invoice.voided(now);
                default -> invoice;
            };
        } catch (DomainException | IllegalStateException problem) {
            Invoice withIssue = invoice.withIssues(List.of(issue(problem, now)));
            return InvoiceStateMachine.fire(invoice.state(), InvoiceTrigger.FAILED, conditions(withIssue, now, app))
                    .map(failed -> withIssue.withState(failed, now)).orElseThrow(() -> problem);
        }
    }

    /** Validation: an invoice must bill something; the kernel has already refused malformed prices. */
    private Invoice validated(Invoice invoice, Instant now) {
        List<Map<String, Object>> issues = new ArrayList<>();
        if (invoice.lines().isEmpty()) {
            issues.add(issue("invoice_empty", "lines", "an invoice needs at least one line", now));
        }
        return invoice.withIssues(issues);
    }

    /**
     * Issues: sets issue and due dates and reserves the final number (taken when the invoice is stored) — unless the
     * app's issuing hook will report its own number, which then replaces the draft number (taking one of ours first
     * would leave a gap in the series).
     */
    private Invoice issue(Invoice invoice, Instant now, InvoicingApp app) {
        String number = app.issuingSyncHook() ? invoice.number() : InvoiceNumbers.reservedFinal(InvoiceNumbers.prefixOf(invoice.number()));
        Instant due = invoice.terms().autoAdvance() && invoice.dueAt() != null ? invoice.dueAt()
                : InvoiceTiming.dueAfterIssue(now, invoice.terms());
        boolean sendsItself = app.sandbox();
        return invoice.issued(number, now, due, sendsItself ? now : null);
    }

    private static Map<String, Object> issue(RuntimeException problem, Instant now) {
        String code = "invoice_calculation_failed";
        String field = null;
        if (problem instanceof ValidationException v && !v.errors().isEmpty()) {
            FieldError first = v.errors().get(0);
            code = first.code() == null ? code : first.code();
            field = first.field();
        }
        return issue(code, field, problem.getMessage(), now);
    }

    private static Map<String, Object> issue(String code, String field, String message, Instant now) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("id", Ulid.of(TypeId.newUuid()));
        issue.put("severity", "critical");
        if (field != null) {
            issue.put("field", field);
        }
        issue.put("code", code);
        issue.put("component", "openmeter");
        issue.put("message", message == null ? code : message);
        issue.put("createdAt", now.toString());
        issue.put("updatedAt", now.toString());
        return issue;
    }

    private ValidationException refused(Invoice invoice, InvoiceTrigger trigger) {
        StatusDetails details = details(invoice);
        String allowed = details.availableActions().isEmpty() ? "none" : String.join(", ", details.availableActions().keySet());
        return new ValidationException("invoice_action_not_available", List.of(new FieldError("status",
                "action " + StatusDetails.actionName(trigger) + " is not available for an invoice in status "
                        + invoice.state().extendedStatus() + " (available: " + allowed + ")", "invoice_action_not_available")));
    }
}
