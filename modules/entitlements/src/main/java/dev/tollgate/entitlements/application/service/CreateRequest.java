package dev.tollgate.entitlements.application.service;

import dev.tollgate.platform.domain.DocumentReader;
import java.time.Instant;
import java.util.Map;

/** php-tenant's CreateEntitlementRequest, read and checked all at once (every broken rule is reported together). */
record CreateRequest(String email, String name, String productCode, Instant billingCycleAnchor, Instant expiresAt, String blestaServiceId) {

    static CreateRequest read(Map<String, Object> body, Instant now) {
        DocumentReader r = new DocumentReader();
        String email = r.email(body, "", "email", true);
        String name = r.text(body, "", "name", true, 255);
        String productCode = r.text(body, "", "product_code", true, 255);
        Instant anchor = r.time(body, "", "billing_cycle_anchor", false);
        Instant expiresAt = r.time(body, "", "expires_at", false);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            r.fail("expires_at", "invalid_value", "must be a date after now");
        }
        String service = r.text(body, "", "blesta_service_id", false, 255);
        r.throwIfFailed();
        return new CreateRequest(email.strip(), name.strip(), productCode.strip(), anchor, expiresAt, service);
    }
}
