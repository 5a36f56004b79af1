package dev.tollgate.billing.domain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ValidationException;
import org.junit.jupiter.api.Test;

/** What a Stripe app shows of its key: mode and mask; and which strings are keys at all. */
class StripeAccountTest {
    @Test
    void aTestKeyIsNotLiveAndAnyOtherKeyIs() {
        assertFalse(StripeAccount.livemode("sk_test_0123456789"));
        assertFalse(StripeAccount.livemode("rk_test_0123456789"));
        assertTrue(StripeAccount.livemode("sk_live_0123456789"));
        assertTrue(StripeAccount.livemode("rk_live_0123456789"));
    }

    @Test
    void theMaskShowsTheFirstEightAndLastThreeCharacters() {
        assertEquals("sk_live_***xyz", StripeAccount.mask("sk_live_abcdefghijklmnopqrstuvwxyz"));
        StripeAccount account = StripeAccount.of("acct_1", "sk_test_0123456789abc");
        assertEquals(new StripeAccount("acct_1", false, "sk_test_***abc"), account);
    }

    @Test
    void onlySecretAndRestrictedKeysAreKeys() {
        StripeAccount.checkKey("apiKey", "sk_test_tollgate_fake");
        StripeAccount.checkKey("apiKey", "rk_live_51Habc0123456789");
        for (String notAKey : new String[] {"pk_test_0123456789", "sk_test_short", "sk_prod_0123456789", "sk_test_0123456789 ", "whsec_0123456789",
                "sk_test_01234567\n89"}) {
            assertThrows(ValidationException.class, () -> StripeAccount.checkKey("apiKey", notAKey), notAKey);
        }
        ValidationException missing = assertThrows(ValidationException.class, () -> StripeAccount.checkKey("apiKey", null));
        assertEquals("apiKey", missing.errors().get(0).field());
    }
}
