package dev.tollgate.tenancy.application.service;

import dev.tollgate.tenancy.api.Caller;
import java.util.Locale;

/** How a caller is named where Tollgate records who did something (the audit log, a support issue's reporter). */
final class AuditActors {
    private AuditActors() {
    }

    /** {@code user}, {@code api_key}, {@code service_token} or {@code operator}. */
    static String typeOf(Caller caller) {
        return caller.kind().name().toLowerCase(Locale.ROOT);
    }

    /** A user's id, a key's or token's public id, or {@code operator}. */
    static String idOf(Caller caller) {
        return switch (caller.kind()) {
            case USER -> caller.userId().toString();
            case API_KEY, SERVICE_TOKEN -> caller.credentialId();
            case OPERATOR -> "operator";
        };
    }
}
