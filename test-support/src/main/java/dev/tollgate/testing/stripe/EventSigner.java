package dev.tollgate.testing.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code t + "." + payload}, keyed with the endpoint's whole {@code whsec_…} secret.
 */
public final class EventSigner {
    private EventSigner() {
    }

    public static String header(String secret, long timestampSeconds, String payload) {
        return "t=" + timestampSeconds + ",v1=" + hmac(secret, timestampSeconds + "." + payload);
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
