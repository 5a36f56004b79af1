package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.profile.InvoicingTerms;
import java.util.UUID;

/**
 * The terms a customer's next invoice follows: their override's billing profile, else the namespace's default
 * (created with the sandbox app on the namespace's first use of billing). Called by invoicing inside the module, with
 * the namespace already authorized, and by workers, which have no caller.
 */
public interface ResolveInvoicingTermsUseCase {
    /** Fails not-found ({@code customer_not_found}) when {@code customerId} is not a live customer of the namespace. */
    InvoicingTerms termsFor(UUID namespace, String customerId);
}
