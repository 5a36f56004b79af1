package dev.tollgate.entitlements.adapters.in.http.openmeter;

import dev.tollgate.entitlements.api.EntitlementDocuments;
import dev.tollgate.entitlements.application.port.in.ObserveEntitlementsUseCase;
import dev.tollgate.platform.domain.JsonSyntax;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An entitlement and its value written by the v1 routes' views, so what a notification embeds is what they show. */
@Singleton
final class OpenMeterEntitlementDocuments implements EntitlementDocuments {
    private final ObserveEntitlementsUseCase entitlements;
    private final JsonSyntax json;

    OpenMeterEntitlementDocuments(ObserveEntitlementsUseCase entitlements, JsonSyntax json) {
        this.entitlements = entitlements;
        this.json = json;
    }

    @Override
    public Optional<Map<String, Object>> openMeterEntitlement(UUID namespace, UUID entitlementId, Instant at) {
        return entitlements.observe(namespace, entitlementId, at).map(observed -> {
            Map<String, Object> entitlement = json.document(EntitlementViews.EntitlementView.of(observed.state()));
            // A customer's entitlement has no subject of its own; EntitlementMetered requires one: the customer's.
            entitlement.put("subjectKey", observed.subjectKey());
            Map<String, Object> documents = new LinkedHashMap<>();
            documents.put("entitlement", entitlement);
            documents.put("value", json.document(EntitlementViews.ValueView.of(observed.value())));
            return documents;
        });
    }
}
