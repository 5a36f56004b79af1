package dev.tollgate.bootstrap;

import dev.tollgate.catalog.api.CatalogDocuments;
import dev.tollgate.entitlements.api.EntitlementBalancesApi;
import dev.tollgate.entitlements.api.EntitlementDocuments;
import dev.tollgate.metering.api.MeteringDocuments;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.webhooks.api.spi.EntitlementBalances;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * OpenMeter's entitlement notifications carry documents of three modules (the entitlement and its value, the feature,
 * the subject); only the deployable holds all three. Each is written by its own module's view.
 */
@Singleton
final class EntitlementNotificationBalances implements EntitlementBalances {
    private final EntitlementBalancesApi balances;
    private final EntitlementDocuments entitlements;
    private final CatalogDocuments catalog;
    private final MeteringDocuments metering;
    private final TenancyApi tenancy;

    EntitlementNotificationBalances(EntitlementBalancesApi balances, EntitlementDocuments entitlements, CatalogDocuments catalog,
                                    MeteringDocuments metering, TenancyApi tenancy) {
        this.balances = balances;
        this.entitlements = entitlements;
        this.catalog = catalog;
        this.metering = metering;
        this.tenancy = tenancy;
    }

    @Override
    public List<Balance> balances(UUID namespace, Collection<UUID> featureIds, Instant now) {
        return balances.balances(namespace, featureIds, now).stream()
                .map(b -> new Balance(b.entitlementId(), b.featureId(), b.featureKey(), b.subjectKey(), b.periodFrom(), b.periodTo(),
                        b.firstPeriod(), b.measureUsageFrom(), b.balance(), b.usage(), b.overage()))
                .toList();
    }

    @Override
    public Optional<Map<String, Object>> notificationData(UUID namespace, UUID entitlementId, Instant at) {
        return entitlements.openMeterEntitlement(namespace, entitlementId, at).flatMap(documents -> {
            Map<?, ?> entitlement = (Map<?, ?>) documents.get("entitlement");
            Optional<Map<String, Object>> feature = Ulid.parse((String) entitlement.get("featureId"))
                    .flatMap(id -> catalog.openMeterFeature(namespace, id));
            if (feature.isEmpty()) {
                return Optional.empty();
            }
            String subjectKey = (String) entitlement.get("subjectKey");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("entitlement", entitlement);
            data.put("feature", feature.get());
            data.put("subject", metering.openMeterSubject(namespace, subjectKey).orElseGet(() -> customerAsSubject(namespace, subjectKey)));
            data.put("value", documents.get("value"));
            return Optional.of(data);
        });
    }

    /**
     * A customer's usage is attributed to subject keys that need not exist as OpenMeter subjects: the subject shown is
     * then the key with the customer's id, name and times (the customer is who the key stands for).
     */
    private Map<String, Object> customerAsSubject(UUID namespace, String subjectKey) {
        Map<String, Object> subject = new LinkedHashMap<>();
        String customerId = tenancy.customersOfSubjects(namespace, List.of(subjectKey)).get(subjectKey);
        TenancyApi.CustomerDetails customer = tenancy.requireCustomer(namespace, customerId != null ? customerId : subjectKey);
        subject.put("id", customer.id());
        subject.put("key", subjectKey);
        subject.put("displayName", customer.name());
        subject.put("createdAt", customer.createdAt().toString());
        subject.put("updatedAt", customer.updatedAt().toString());
        return subject;
    }
}
