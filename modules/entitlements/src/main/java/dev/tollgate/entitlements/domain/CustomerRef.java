package dev.tollgate.entitlements.domain;

/** How a request names the customer: v2 by customer ULID or key, v1 by a subject key the customer owns. */
public record CustomerRef(String idOrKey, boolean subject) {
    public static CustomerRef customer(String idOrKey) {
        return new CustomerRef(idOrKey, false);
    }

    public static CustomerRef subject(String key) {
        return new CustomerRef(key, true);
    }
}
