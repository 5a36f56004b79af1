package dev.tollgate.billing.domain.profile;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a profile's invoices are made (OpenMeter's BillingWorkflow): when usage is collected, how long an invoice stays
 * a draft, when it is due, how it is paid and whether tax is calculated. Every setting has OpenMeter's default.
 *
 * @param alignment       {@code subscription} (invoices follow each subscription's billing period) or {@code anchored}
 * @param recurringPeriod for anchored alignment only: the collection period and its anchor
 */
public record Workflow(String alignment, RecurringPeriod recurringPeriod, IsoDuration collectionInterval, boolean autoAdvance,
                       IsoDuration draftPeriod, IsoDuration dueAfter, boolean progressiveBilling, TaxConfig defaultTaxConfig,
                       String collectionMethod, boolean taxEnabled, boolean taxEnforced) {
    public static final String SUBSCRIPTION = "subscription";
    public static final String ANCHORED = "anchored";
    private static final Set<String> COLLECTION_METHODS = Set.of("charge_automatically", "send_invoice");
    private static final Set<String> PERIOD_WORDS = Set.of("DAY", "WEEK", "MONTH", "YEAR");

    /** OpenMeter's defaults: subscription alignment, PT1H; auto-advance, P0D, P30D, progressive; charge automatically; tax on, not enforced. */
    public static final Workflow DEFAULTS = new Workflow(SUBSCRIPTION, null, duration("PT1H"), true, duration("P0D"), duration("P30D"), true,
            null, "charge_automatically", true, false);

    /** {@code interval} is an ISO 8601 duration or one of DAY, WEEK, MONTH, YEAR, as OpenMeter's RecurringPeriodInterval. */
    public record RecurringPeriod(String interval, Instant anchor) {
    }

    /** A workflow as a request states it: null means "OpenMeter's default". */
    public record Draft(String alignment, boolean recurringPeriodGiven, String recurringInterval, Instant recurringAnchor, String collectionInterval,
                        Boolean autoAdvance, String draftPeriod, String dueAfter, Boolean progressiveBilling, TaxConfig defaultTaxConfig,
                        String collectionMethod, Boolean taxEnabled, Boolean taxEnforced) {
        public static final Draft EMPTY = new Draft(null, false, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The workflow a draft describes, defaults filled in; every broken rule reported at once with its field. */
    public static Workflow of(Draft d) {
        List<FieldError> errors = new ArrayList<>();
        String alignment = d.alignment() == null ? SUBSCRIPTION : d.alignment();
        RecurringPeriod period = null;
        if (alignment.equals(ANCHORED)) {
            if (!d.recurringPeriodGiven()) {
                errors.add(new FieldError("workflow/collection/alignment/recurringPeriod", "is required for anchored alignment"));
            } else {
                if (d.recurringInterval() == null || !(PERIOD_WORDS.contains(d.recurringInterval()) || positive(d.recurringInterval()))) {
                    errors.add(new FieldError("workflow/collection/alignment/recurringPeriod/interval",
                            "must be a positive ISO 8601 duration such as P1M, or DAY, WEEK, MONTH or YEAR, not '" + d.recurringInterval() + "'"));
                }
                if (d.recurringAnchor() == null) {
                    errors.add(new FieldError("workflow/collection/alignment/recurringPeriod/anchor", "is required"));
                }
                period = new RecurringPeriod(d.recurringInterval(), d.recurringAnchor());
            }
        } else if (!alignment.equals(SUBSCRIPTION)) {
            errors.add(new FieldError("workflow/collection/alignment/type", "must be subscription or anchored, not '" + alignment + "'"));
        }
        IsoDuration interval = durationOr(errors, "workflow/collection/interval", d.collectionInterval(), DEFAULTS.collectionInterval());
        IsoDuration draftPeriod = durationOr(errors, "workflow/invoicing/draftPeriod", d.draftPeriod(), DEFAULTS.draftPeriod());
        IsoDuration dueAfter = durationOr(errors, "workflow/invoicing/dueAfter", d.dueAfter(), DEFAULTS.dueAfter());
        if (d.defaultTaxConfig() != null) {
            errors.addAll(d.defaultTaxConfig().problems("workflow/invoicing/defaultTaxConfig"));
        }
        String method = d.collectionMethod() == null ? DEFAULTS.collectionMethod() : d.collectionMethod();
        if (!COLLECTION_METHODS.contains(method)) {
            errors.add(new FieldError("workflow/payment/collectionMethod", "must be charge_automatically or send_invoice, not '" + method + "'"));
        }
        boolean taxEnabled = d.taxEnabled() == null ? DEFAULTS.taxEnabled() : d.taxEnabled();
        boolean taxEnforced = d.taxEnforced() == null ? DEFAULTS.taxEnforced() : d.taxEnforced();
        if (taxEnforced && !taxEnabled) {
            errors.add(new FieldError("workflow/tax/enforced", "cannot be true while tax is disabled (workflow/tax/enabled is false)"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Workflow(alignment, period, interval, d.autoAdvance() == null ? DEFAULTS.autoAdvance() : d.autoAdvance(), draftPeriod, dueAfter,
                d.progressiveBilling() == null ? DEFAULTS.progressiveBilling() : d.progressiveBilling(), d.defaultTaxConfig(), method, taxEnabled,
                taxEnforced);
    }

    public boolean anchored() {
        return ANCHORED.equals(alignment);
    }

    private static IsoDuration durationOr(List<FieldError> errors, String field, String text, IsoDuration fallback) {
        if (text == null) {
            return fallback;
        }
        return IsoDuration.parse(text).orElseGet(() -> {
            errors.add(new FieldError(field, "must be an ISO 8601 duration such as PT1H, P0D or P30D, not '" + text + "'"));
            return fallback;
        });
    }

    private static boolean positive(String text) {
        return IsoDuration.parse(text).map(d -> d.months() > 0 || d.seconds() > 0).orElse(false);
    }

    private static IsoDuration duration(String text) {
        return IsoDuration.parse(text).orElseThrow();
    }
}
