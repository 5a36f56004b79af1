package dev.tollgate.testing;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The validator's one allowance beside the documents (ADR 0069): php-tenant's getWebhook may show {@code webhook.deliveries},
 * which its description promises and its {@code Webhook} schema omits, as at most 10 of the document's
 * {@code WebhookDelivery}. Every other extra key is still an error (ADR 0004), the same key in any other operation included.
 */
class ApiContractProsePromisesTest {
    static final String DELIVERY = """
            {"id":7,"uuid":"0b6e2f0a-5d53-4c1e-9a7e-3f1f7a2c9d10","webhook_id":1,"event":"test","attempts":1,"status":"success",
             "http_status":200,"resend_at":null,"resent_manually":false,"payload":{"event":"test"},"response":{"ok":true},
             "created_at":"2026-12-07T23:50:45Z"}""";

    static String webhook(String extra) {
        return """
                {"id":1,"uuid":"01a252ea-be02-70db-8ba1-a18ee8d071fb","workspace_id":3,"name":"Production Webhook",
                 "url":"https://example.com/hooks","events":["limit_warning"],"is_active":true,"max_attempts":3,
                 "last_delivery_status":"success","last_triggered_at":"2026-12-07T23:50:45Z","failure_count":0,"metadata":null,
                 "deliveries_count":1,"created_at":"2026-12-07T23:50:40Z","updated_at":"2026-12-07T23:50:45Z"%s}""".formatted(extra);
    }

    static void getWebhook(String extra) {
        ApiContract.assertValid(PHP_TENANT, "GET", "/api/entitlement-webhooks/1", 200, "application/json",
                "{\"webhook\":" + webhook(extra) + ",\"available_events\":{\"limit_warning\":\"Limit warning threshold reached\"}}");
    }

    static String deliveries(int n) {
        return ",\"deliveries\":[" + String.join(",", Collections.nCopies(n, DELIVERY)) + "]";
    }

    @Test
    void getWebhookMayShowItsRecentDeliveries() {
        assertDoesNotThrow(() -> getWebhook(""));
        assertDoesNotThrow(() -> getWebhook(",\"deliveries\":[]"));
        assertDoesNotThrow(() -> getWebhook(deliveries(1)));
        assertDoesNotThrow(() -> getWebhook(deliveries(10)));
    }

    @Test
    void theDeliveriesAreCheckedAsTheDocumentsWebhookDeliveries() {
        assertThrows(AssertionError.class, () -> getWebhook(deliveries(11)), "at most the 10 most recent");
        assertThrows(AssertionError.class, () -> getWebhook(",\"deliveries\":[" + DELIVERY.replace("\"attempts\":1", "\"attempts\":\"1\"") + "]"));
        assertThrows(AssertionError.class, () -> getWebhook(",\"deliveries\":[" + DELIVERY.replace("\"attempts\":1", "\"attempts\":1,\"tries\":1") + "]"),
                "a delivery is closed like any other object");
        assertThrows(AssertionError.class, () -> getWebhook(",\"deliveries\":{}"));
    }

    @Test
    void everyOtherExtraKeyStillFails() {
        AssertionError undeclared = assertThrows(AssertionError.class, () -> getWebhook(",\"recent_deliveries\":[]"));
        assertTrue(undeclared.getMessage().contains("recent_deliveries"), undeclared.getMessage());
        assertThrows(AssertionError.class, () -> ApiContract.assertValid(PHP_TENANT, "GET", "/api/entitlement-webhooks/1", 200,
                "application/json", "{\"webhook\":" + webhook("") + ",\"available_events\":{},\"deliveries\":[]}"), "only at webhook.deliveries");
        // only in getWebhook: the shared Webhook schema itself is unchanged
        assertThrows(AssertionError.class, () -> ApiContract.assertValid(PHP_TENANT, "PUT", "/api/entitlement-webhooks/1", 200,
                "application/json", "{\"message\":\"Webhook updated successfully\",\"webhook\":" + webhook(deliveries(1)) + "}"));
        assertDoesNotThrow(() -> ApiContract.assertValid(PHP_TENANT, "PUT", "/api/entitlement-webhooks/1", 200,
                "application/json", "{\"message\":\"Webhook updated successfully\",\"webhook\":" + webhook("") + "}"));
        assertDoesNotThrow(() -> ApiContract.assertValid(PHP_TENANT, "GET", "/api/entitlement-webhooks", 200, "application/json",
                "{\"data\":[" + webhook("") + "],\"links\":{},\"meta\":{}}"));
        assertThrows(AssertionError.class, () -> ApiContract.assertValid(PHP_TENANT, "GET", "/api/entitlement-webhooks", 200, "application/json",
                "{\"data\":[" + webhook(deliveries(1)) + "],\"links\":{},\"meta\":{}}"));
    }
}
