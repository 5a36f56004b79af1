package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.BillingNamespaces;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

@Singleton
final class JdbcBillingNamespaces implements BillingNamespaces {
    private final BillingNamespaceRowRepository rows;

    JdbcBillingNamespaces(BillingNamespaceRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public boolean claim(UUID namespace, Instant now) {
        return rows.claim(namespace, now) == 1;
    }

    @Override
    public void lock(UUID namespace) {
        if (rows.lock(namespace).isEmpty()) {
            throw new IllegalStateException("billing namespace " + namespace + " was not set up before being locked");
        }
    }
}
