package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link StripeError} as Stripe does: {@code {"error":{"type","code","param","message",...}}}. */
final class ErrorBodies {
    private ErrorBodies() {
    }

    static ObjectNode of(StripeError error, String requestId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode fields = body.putObject("error");
        fields.put("type", error.type);
        if (error.code != null) {
            fields.put("code", error.code);
            fields.put("doc_url", "https://stripe.com/docs/error-codes/" + error.code.replace('_', '-'));
        }
        if (error.declineCode != null) {
            fields.put("decline_code", error.declineCode);
        }
        if (error.param != null) {
            fields.put("param", error.param);
        }
        fields.put("message", error.getMessage());
        fields.put("request_log_url", "https://dashboard.stripe.com/test/logs/" + requestId);
        return body;
    }
}
