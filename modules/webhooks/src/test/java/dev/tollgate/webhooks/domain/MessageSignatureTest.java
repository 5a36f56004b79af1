package dev.tollgate.webhooks.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tollgate's signatures checked by Standard Webhooks' own reference verifier (an independent implementation). */
class MessageSignatureTest {
    static final String BODY = "{\"id\":\"1\",\"event\":\"limit_warning\",\"data\":{\"used\":8}}";

    static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)), "webhook-signature", List.of(signature));
    }

    @Test
    void aGeneratedSecretSignsWhatTheReferenceVerifierAccepts() throws Exception {
        SigningSecret secret = SigningSecret.generate();
        assertTrue(secret.value().startsWith("whsec_") && secret.value().length() >= 32, "php-tenant asks for 32 characters at least");
        long now = Instant.now().getEpochSecond();
        String header = MessageSignature.header(List.of(secret), "msg_1", now, BODY);
        assertDoesNotThrow(() -> new Webhook(secret.value()).verify(BODY, headers("msg_1", now, header)));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret.value()).verify(BODY + " ", headers("msg_1", now, header)),
                "a changed body fails");
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret.value()).verify(BODY, headers("msg_2", now, header)),
                "another message id fails");
        assertEquals(new Webhook(secret.value()).sign("msg_1", now, BODY), header, "the same bytes as the reference signer");
    }

    @Test
    void aTenantsOwnSecretIsKeyedByItsBytes() {
        SigningSecret own = new SigningSecret("my-own-signing-secret-of-32-chars!!");
        long now = Instant.now().getEpochSecond();
        String header = MessageSignature.header(List.of(own), "msg_1", now, BODY);
        assertDoesNotThrow(() -> new Webhook(own.value().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .verify(BODY, headers("msg_1", now, header)));
    }

    @Test
    void duringARotationBothSecretsVerify() {
        SigningSecret old = SigningSecret.generate();
        SigningSecret fresh = SigningSecret.generate();
        long now = Instant.now().getEpochSecond();
        String header = MessageSignature.header(List.of(fresh, old), "msg_1", now, BODY);
        assertEquals(2, header.split(" ").length);
        assertDoesNotThrow(() -> new Webhook(old.value()).verify(BODY, headers("msg_1", now, header)));
        assertDoesNotThrow(() -> new Webhook(fresh.value()).verify(BODY, headers("msg_1", now, header)));
    }

    @Test
    void theSecretNeverPrints() {
        assertEquals("SigningSecret[redacted]", SigningSecret.generate().toString());
    }
}
