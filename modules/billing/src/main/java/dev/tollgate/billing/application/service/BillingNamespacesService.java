package dev.tollgate.billing.application.service;

import dev.tollgate.billing.api.BillingNamespacesApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.UUID;

/** A new workspace's billing, set up ahead of its first request instead of on it (its provisioning step). */
@Singleton
class BillingNamespacesService implements BillingNamespacesApi {
    private final BillingSetup setup;

    BillingNamespacesService(BillingSetup setup) {
        this.setup = setup;
    }

    @Override
    @Transactional
    public void setUp(UUID namespace) {
        setup.ensure(namespace);
    }
}
