package dev.tollgate.webhooks.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (https://www.standardwebhooks.com): {@code v1,} and the base64 HMAC-SHA256 of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}. While a rotated secret's overlap window is open the header carries
 * one signature per valid secret, space-separated, and a receiver holding either secret accepts the message.
 */
public final class MessageSignature {
    private MessageSignature() {
    }

    public static String header(List<SigningSecret> secrets, String messageId, long timestampSeconds, String body) {
        return secrets.stream().map(s -> "v1," + sign(s.key(), messageId, timestampSeconds, body)).collect(Collectors.joining(" "));
    }

    static String sign(byte[] key, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
