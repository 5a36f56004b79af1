package dev.tollgate.billing.adapters.in.http.centrali;

import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.platform.domain.ValidationException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Centrali's (Stripe's) invoice statuses over Tollgate's invoice states (ADR 0038): a draft until it is issued
 * ({@code draft.*}, {@code issuing.*}); open once issued and not settled ({@code issued}, {@code payment_processing.*},
 * {@code overdue}); then {@code paid}, {@code void} ({@code voided}) or {@code uncollectible}.
 */
final class CentraliInvoiceStatus {
    private CentraliInvoiceStatus() {
    }

    static String of(InvoiceState state) {
        return switch (state) {
            case PAID -> "paid";
            case VOIDED -> "void";
            case UNCOLLECTIBLE -> "uncollectible";
            case ISSUED, PAYMENT_PENDING, PAYMENT_FAILED, PAYMENT_ACTION_REQUIRED, OVERDUE -> "open";
            default -> "draft";
        };
    }

    /** The states a {@code status} filter asks for; every state when absent. */
    static Set<InvoiceState> statesOf(String status) {
        if (status == null) {
            return Set.of();
        }
        if (!Set.of("draft", "open", "paid", "void", "uncollectible").contains(status)) {
            throw new ValidationException("status", "must be draft, open, paid, void or uncollectible");
        }
        return Arrays.stream(InvoiceState.values()).filter(s -> of(s).equals(status))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(InvoiceState.class)));
    }
}
