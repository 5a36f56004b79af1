package dev.tollgate.metering.application.service;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import jakarta.inject.Singleton;
import java.util.UUID;

/** OpenMeter has no tenant in its paths: the caller's organization is the namespace everything is read from and written to. */
@Singleton
class Namespaces {
    private final TenancyApi tenancy;

    Namespaces(TenancyApi tenancy) {
        this.tenancy = tenancy;
    }

    UUID require(Caller caller, Capability capability) {
        return tenancy.requireNamespace(caller, capability).id();
    }

    java.util.Map<String, String> customersOfSubjects(UUID namespace, java.util.Set<String> subjects) {
        return tenancy.customersOfSubjects(namespace, subjects);
    }

    /** Each subject usage is attributed by (customer keys and subject keys) to its customer's id; 404 for an unknown customer. */
    java.util.Map<String, String> subjectsOfCustomers(UUID namespace, java.util.List<String> customerIdsOrKeys) {
        java.util.Map<String, String> bySubject = new java.util.LinkedHashMap<>();
        tenancy.requireCustomers(namespace, customerIdsOrKeys)
                .forEach(customer -> customer.values().forEach(subject -> bySubject.put(subject, customer.id())));
        return bySubject;
    }
}
