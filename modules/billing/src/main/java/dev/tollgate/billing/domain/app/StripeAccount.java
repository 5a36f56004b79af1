package dev.tollgate.billing.domain.app;

import dev.tollgate.platform.domain.ValidationException;

/**
 * What an installed Stripe app shows of its connection (OpenMeter's StripeApp): the Stripe account its key belongs
 * to, whether that key is live, and the key masked. The key itself is never part of an app: it is stored sealed
 * apart from it.
 */
public record StripeAccount(String accountId, boolean livemode, String maskedApiKey) {
    /** A secret or restricted key: {@code sk_test_…}, {@code sk_live_…}, {@code rk_test_…}, {@code rk_live_…}. */
    public static void checkKey(String field, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new ValidationException(field, "is required: a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_…)");
        }
        if (!apiKey.matches("(sk|rk)_(test|live)_[A-Za-z0-9_]{8,200}")) {
            throw new ValidationException(field, "is not a Stripe secret or restricted API key (sk_test_…, sk_live_…, rk_test_…, rk_live_…)");
        }
    }

    /** OpenMeter's rule: a key that is not a test key is live. */
    public static boolean livemode(String apiKey) {
        return !(apiKey.startsWith("sk_test_") || apiKey.startsWith("rk_test_"));
    }

    /** The first 8 and last 3 characters, as OpenMeter shows a key. */
    public static String mask(String apiKey) {
        return apiKey.substring(0, 8) + "***" + apiKey.substring(apiKey.length() - 3);
    }

    /**
     * A Stripe account connected through Connect OAuth (ADR 0047): it has no key of its own (Tollgate calls it with the
     * platform's), so the masked key shows only the mode, never a part of the operator's key.
     */
    public static StripeAccount connected(String accountId, boolean livemode) {
        return new StripeAccount(accountId, livemode, (livemode ? "sk_live_" : "sk_test_") + "***");
    }

    public static StripeAccount of(String accountId, String apiKey) {
        return new StripeAccount(accountId, livemode(apiKey), mask(apiKey));
    }
}
