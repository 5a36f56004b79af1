package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Stripe's test cards the fake knows: by token ({@code tok_visa}), by test payment method ({@code pm_card_visa}) or by
 * number. A card whose {@code declines} is set makes every payment attempt with it fail ({@code tok_chargeDeclined},
 * {@code pm_card_chargeDeclined}, 4000000000000002).
 */
final class Cards {
    record Card(String brand, String last4, String funding, boolean declines) {
    }

    private static final Card VISA = new Card("visa", "4242", "credit", false);
    private static final Card MASTERCARD = new Card("mastercard", "4444", "credit", false);
    private static final Card AMEX = new Card("amex", "8431", "credit", false);
    private static final Card DECLINED = new Card("visa", "0002", "credit", true);

    private static final Map<String, Card> BY_NAME = Map.of(
            "visa", VISA, "mastercard", MASTERCARD, "amex", AMEX, "chargeDeclined", DECLINED);
    private static final Map<String, Card> BY_NUMBER = Map.of(
            "4242424242424242", VISA, "5555555555554444", MASTERCARD, "378282246310005", AMEX,
            "4000000000000002", DECLINED);

    private Cards() {
    }

    /** The card a test token or payment method id names ({@code tok_visa}, {@code pm_card_visa}), or null. */
    static Card named(String tokenOrTestPaymentMethod) {
        if (tokenOrTestPaymentMethod == null) {
            return null;
        }
        if (tokenOrTestPaymentMethod.startsWith("tok_")) {
            return BY_NAME.get(tokenOrTestPaymentMethod.substring(4));
        }
        if (tokenOrTestPaymentMethod.startsWith("pm_card_")) {
            return BY_NAME.get(tokenOrTestPaymentMethod.substring(8));
        }
        return null;
    }

    static Card byNumber(String number) {
        return BY_NUMBER.get(number.replace(" ", ""));
    }

    static Card visa() {
        return VISA;
    }

    static Card declining() {
        return DECLINED;
    }

    /** A new card payment method object (not yet stored). */
    static ObjectNode paymentMethod(Card card, long created, Long expMonth, Long expYear) {
        ObjectNode pm = Json.resource(Ids.next("pm_"), "payment_method", created);
        pm.put("allow_redisplay", "unspecified");
        ObjectNode billing = pm.putObject("billing_details");
        ObjectNode address = billing.putObject("address");
        for (String field : new String[] {"city", "country", "line1", "line2", "postal_code", "state"}) {
            address.putNull(field);
        }
        billing.putNull("email");
        billing.putNull("name");
        billing.putNull("phone");
        ObjectNode details = pm.putObject("card");
        details.put("brand", card.brand());
        details.put("display_brand", card.brand());
        ObjectNode checks = details.putObject("checks");
        checks.putNull("address_line1_check");
        checks.putNull("address_postal_code_check");
        checks.put("cvc_check", "pass");
        details.put("country", "US");
        details.put("exp_month", expMonth == null ? 12 : expMonth);
        details.put("exp_year", expYear == null ? 2034 : expYear);
        details.put("fingerprint", (card.brand() + card.last4() + "fingerprint").substring(0, 16));
        details.put("funding", card.funding());
        details.putNull("generated_from");
        details.put("last4", card.last4());
        ObjectNode networks = details.putObject("networks");
        networks.putArray("available").add(card.brand());
        networks.putNull("preferred");
        details.putObject("three_d_secure_usage").put("supported", true);
        details.putNull("wallet");
        pm.putNull("customer");
        pm.putObject("metadata");
        pm.put("type", "card");
        return pm;
    }

    static boolean declines(ObjectNode paymentMethod) {
        return paymentMethod.path("card").path("last4").asText().equals(DECLINED.last4());
    }
}
