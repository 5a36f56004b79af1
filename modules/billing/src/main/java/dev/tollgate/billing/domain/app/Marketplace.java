package dev.tollgate.billing.domain.app;

import dev.tollgate.billing.domain.app.Listing.InstallMethod;
import java.util.List;
import java.util.Optional;

/**
 * The three listings OpenMeter's marketplace offers, worded as OpenMeter's own apps describe themselves. Stripe
 * installs with an API key, and through Stripe Connect OAuth where the operator configured a Connect platform (the
 * marketplace adds {@code with_oauth2} then, ADR 0047); the other two need nothing.
 */
public final class Marketplace {
    public static final Listing STRIPE = new Listing(AppType.STRIPE, "Stripe", "Send invoices, calculate tax and collect payments.",
            capabilities("stripe"), List.of(InstallMethod.WITH_API_KEY));
    public static final Listing SANDBOX = new Listing(AppType.SANDBOX, "Sandbox",
            "Sandbox can be used as a no-op application for testing purposes.", capabilities("sandbox"),
            List.of(InstallMethod.NO_CREDENTIALS_REQUIRED));
    public static final Listing CUSTOM_INVOICING = new Listing(AppType.CUSTOM_INVOICING, "Custom Invoicing",
            "Custom Invoicing can be used to interface with third party invoicing and payment systems.", capabilities("custom_invoicing"),
            List.of(InstallMethod.NO_CREDENTIALS_REQUIRED));
    public static final List<Listing> LISTINGS = List.of(STRIPE, SANDBOX, CUSTOM_INVOICING);

    private Marketplace() {
    }

    public static Listing of(AppType type) {
        return switch (type) {
            case STRIPE -> STRIPE;
            case SANDBOX -> SANDBOX;
            case CUSTOM_INVOICING -> CUSTOM_INVOICING;
        };
    }

    public static Optional<Listing> find(String type) {
        return AppType.of(type).map(Marketplace::of);
    }

    /** Every listed app does all three of billing's jobs; their keys are prefixed with the app's type. */
    private static List<Capability> capabilities(String prefix) {
        return List.of(new Capability("calculateTax", prefix + "_calculate_tax", "Calculate Tax", "Calculate tax for a payment"),
                new Capability("invoiceCustomers", prefix + "_invoice_customers", "Invoice Customers", "Invoice customers"),
                new Capability("collectPayments", prefix + "_collect_payments", "Collect Payments", "Process payments"));
    }
}
