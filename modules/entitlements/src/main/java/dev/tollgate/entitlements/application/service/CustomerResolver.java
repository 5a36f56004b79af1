package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.CustomerAttribution;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Finds the customer a request names (v2: ULID or key; v1: a subject it owns) and its entitlements by id or feature. */
@Singleton
class CustomerResolver {
    private final TenancyApi tenancy;
    private final EntitlementStore entitlements;

    CustomerResolver(TenancyApi tenancy, EntitlementStore entitlements) {
        this.tenancy = tenancy;
        this.entitlements = entitlements;
    }

    /** A customer: id, key, the subject key v1 shows, and the values its usage is metered under. */
    record Customer(UUID id, String key, String subjectKey, List<String> subjects) {
        Entitlement.Holder holder() {
            return new Entitlement.Holder(id, key, subjectKey);
        }
    }

    Customer resolve(UUID namespace, CustomerRef ref) {
        String idOrKey = ref.idOrKey();
        if (ref.subject()) {
            idOrKey = tenancy.customersOfSubjects(namespace, List.of(ref.idOrKey())).get(ref.idOrKey());
            if (idOrKey == null) {
                throw NotFoundException.of("Subject", ref.idOrKey());
            }
        }
        CustomerAttribution found = tenancy.requireCustomers(namespace, List.of(idOrKey)).get(0);
        UUID id = Ulid.parse(found.id()).orElseThrow();
        String subjectKey = ref.subject() ? ref.idOrKey()
                : found.key() != null ? found.key() : found.values().stream().sorted().findFirst().orElse(found.id());
        return new Customer(id, found.key(), subjectKey, found.values().stream().sorted().toList());
    }

    /**
     * The id of a customer named in a list's filter ({@code field}). The entitlement and grant lists declare no 404 (it
     * would read as "no such list"), so a customer or subject that is not in the namespace is the caller's bad input:
     * 400 naming the filter, as the event lists answer.
     */
    UUID resolveFilter(UUID namespace, CustomerRef ref, String field) {
        try {
            return resolve(namespace, ref).id();
        } catch (NotFoundException unknown) {
            throw new ValidationException(field, unknown.getMessage());
        }
    }

    /** The customer's entitlement by ULID (any, deleted too), or by feature key (the live one). */
    Entitlement entitlement(UUID namespace, Customer customer, String idOrFeatureKey) {
        return Ulid.parse(idOrFeatureKey).flatMap(id -> entitlements.find(namespace, id)).filter(e -> e.customerId().equals(customer.id()))
                .or(() -> entitlements.findLive(namespace, customer.id(), idOrFeatureKey))
                .orElseThrow(() -> NotFoundException.of("Entitlement", idOrFeatureKey));
    }
}
