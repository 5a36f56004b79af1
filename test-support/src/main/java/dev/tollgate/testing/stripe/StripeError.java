package dev.tollgate.testing.stripe;

/**
 * A refusal in Stripe's terms: the HTTP status and the fields of Stripe's {@code error} object. Handlers throw it;
 * {@link ErrorBodies} writes it.
 */
final class StripeError extends RuntimeException {
    final int status;
    final String type;
    final String code;
    final String param;
    final String declineCode;

    StripeError(int status, String type, String code, String param, String message) {
        this(status, type, code, param, null, message);
    }

    StripeError(int status, String type, String code, String param, String declineCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.declineCode = declineCode;
    }

    static StripeError missing(String param) {
        return new StripeError(400, "invalid_request_error", "parameter_missing", param,
                "Missing required param: " + param + ".");
    }

    static StripeError unknown(String param) {
        return new StripeError(400, "invalid_request_error", "parameter_unknown", param,
                "Received unknown parameter: " + param);
    }

    static StripeError invalidInteger(String param, String value) {
        return new StripeError(400, "invalid_request_error", "parameter_invalid_integer", param,
                "Invalid integer: " + value);
    }

    static StripeError invalidBoolean(String param, String value) {
        return new StripeError(400, "invalid_request_error", "parameter_invalid_boolean", param,
                "Invalid boolean: " + value);
    }

    static StripeError invalidEmpty(String param) {
        return new StripeError(400, "invalid_request_error", "parameter_invalid_empty", param,
                "You passed an empty string for '" + param + "'. We assume empty values are an attempt to unset a"
                        + " parameter; however '" + param + "' cannot be unset. You should remove '" + param
                        + "' from your request or supply a non-empty value.");
    }

    static StripeError invalid(String param, String message) {
        return new StripeError(400, "invalid_request_error", null, param, message);
    }

    /** A refusal with Stripe's generic invalid request type and the given code (null for none). */
    static StripeError state(String code, String message) {
        return new StripeError(400, "invalid_request_error", code, null, message);
    }

    static StripeError noSuch(String noun, String id, String param) {
        return new StripeError(404, "invalid_request_error", "resource_missing", param,
                "No such " + noun + ": '" + id + "'");
    }

    static StripeError unrecognizedUrl(String method, String path) {
        return new StripeError(404, "invalid_request_error", null, null,
                "Unrecognized request URL (" + method + ": " + path + ").");
    }

    static StripeError idempotencyMismatch(String key) {
        return new StripeError(400, "idempotency_error", null, null,
                "Keys for idempotent requests can only be used with the same parameters they were first used with."
                        + " Try using a key other than '" + key + "' if you meant to execute a different request.");
    }

    static StripeError unauthenticated(String message) {
        return new StripeError(401, "invalid_request_error", null, null, message);
    }

    static StripeError cardDeclined(String message) {
        return new StripeError(402, "card_error", "card_declined", null, "generic_decline", message);
    }
}
