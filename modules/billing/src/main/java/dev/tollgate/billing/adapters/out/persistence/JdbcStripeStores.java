package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.OAuth2InstallStates;
import dev.tollgate.billing.application.port.out.StripeCustomerStore;
import dev.tollgate.billing.application.port.out.StripeEventStore;
import dev.tollgate.billing.application.port.out.StripeSecretStore;
import dev.tollgate.billing.domain.app.StripeCustomer;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Stripe app's tables ({@code billing.stripe_app_secrets}, {@code stripe_customers}, {@code stripe_events},
 * {@code oauth2_install_states}):
 * explicit SQL, rows read by column name ({@link Sql#rows}); the events' claim locks with {@code SKIP LOCKED}.
 */
final class JdbcStripeStores {
    private JdbcStripeStores() {
    }

    @MappedEntity(value = "stripe_app_secrets", schema = "billing")
    record StripeSecretRow(@Id UUID appId, UUID namespace, @Nullable String apiKeySealed, @Nullable String connectedAccountId,
                           String webhookEndpointId, String webhookSecretSealed, Instant updatedAt) {
    }

    @MappedEntity(value = "stripe_customers", schema = "billing")
    record StripeCustomerRow(@Id UUID appId, UUID customerId, UUID namespace, String stripeCustomerId, @Nullable String stripeDefaultPaymentMethodId,
                             Instant createdAt, Instant updatedAt) {
        StripeCustomer domain() {
            return new StripeCustomer(appId, customerId, namespace, stripeCustomerId, stripeDefaultPaymentMethodId, createdAt, updatedAt);
        }
    }

    @MappedEntity(value = "stripe_events", schema = "billing")
    record StripeEventRow(@Id UUID appId, String eventId, UUID namespace, String type, String payload, int attempts, @Nullable Instant processedAt,
                          @Nullable String outcome) {
        StripeEventStore.Stored domain() {
            return new StripeEventStore.Stored(appId, eventId, namespace, type, payload, attempts, processedAt, outcome);
        }
    }

    @Singleton
    static final class Secrets implements StripeSecretStore {
        private final JdbcOperations jdbc;

        Secrets(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void save(Sealed s) {
            Sql.update(jdbc, "INSERT INTO billing.stripe_app_secrets (app_id, namespace, api_key_sealed, connected_account_id, webhook_endpoint_id,"
                    + " webhook_secret_sealed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id) DO UPDATE SET"
                    + " api_key_sealed = EXCLUDED.api_key_sealed, connected_account_id = EXCLUDED.connected_account_id,"
                    + " webhook_endpoint_id = EXCLUDED.webhook_endpoint_id, webhook_secret_sealed = EXCLUDED.webhook_secret_sealed,"
                    + " updated_at = EXCLUDED.updated_at",
                    Arrays.asList(s.appId(), s.namespace(), s.apiKey(), s.connectedAccount(), s.webhookEndpointId(), s.webhookSecret(),
                            Sql.timestamp(s.updatedAt())));
        }

        @Override
        public Optional<Sealed> find(UUID appId) {
            return Sql.rows(jdbc, StripeSecretRow.class, "SELECT * FROM billing.stripe_app_secrets WHERE app_id = ?", List.of(appId)).stream()
                    .findFirst().map(r -> new Sealed(r.appId(), r.namespace(), r.apiKeySealed(), r.connectedAccountId(), r.webhookEndpointId(),
                            r.webhookSecretSealed(), r.updatedAt()));
        }
    }

    /** One use: the state is deleted by the statement that reads it, so two callbacks with it cannot both succeed. */
    @Singleton
    static final class InstallStates implements OAuth2InstallStates {
        private final JdbcOperations jdbc;

        InstallStates(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void save(String stateHash, UUID namespace, String appType, Instant createdAt, Instant expiresAt) {
            Sql.update(jdbc, "INSERT INTO billing.oauth2_install_states (state_hash, namespace, app_type, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    List.of(stateHash, namespace, appType, Sql.timestamp(createdAt), Sql.timestamp(expiresAt)));
        }

        @Override
        public Optional<Instant> consume(String stateHash, UUID namespace, String appType) {
            return jdbc.prepareStatement("DELETE FROM billing.oauth2_install_states WHERE state_hash = ? AND namespace = ? AND app_type = ?"
                    + " RETURNING expires_at", statement -> {
                        Sql.bind(statement, List.of(stateHash, namespace, appType));
                        try (java.sql.ResultSet rs = statement.executeQuery()) {
                            return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.<Instant>empty();
                        }
                    });
        }

        @Override
        public void purgeExpired(Instant now) {
            Sql.update(jdbc, "DELETE FROM billing.oauth2_install_states WHERE expires_at < ?", List.of(Sql.timestamp(now)));
        }
    }

    @Singleton
    static final class Customers implements StripeCustomerStore {
        private final JdbcOperations jdbc;

        Customers(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void save(StripeCustomer c) {
            Sql.update(jdbc, "INSERT INTO billing.stripe_customers (app_id, customer_id, namespace, stripe_customer_id,"
                    + " stripe_default_payment_method_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, customer_id)"
                    + " DO UPDATE SET stripe_customer_id = EXCLUDED.stripe_customer_id,"
                    + " stripe_default_payment_method_id = EXCLUDED.stripe_default_payment_method_id, updated_at = EXCLUDED.updated_at",
                    Arrays.asList(c.appId(), c.customerId(), c.namespace(), c.stripeCustomerId(), c.defaultPaymentMethodId(),
                            Sql.timestamp(c.createdAt()), Sql.timestamp(c.updatedAt())));
        }

        @Override
        public Optional<StripeCustomer> find(UUID appId, UUID customerId) {
            return Sql.rows(jdbc, StripeCustomerRow.class, "SELECT * FROM billing.stripe_customers WHERE app_id = ? AND customer_id = ?",
                    List.of(appId, customerId)).stream().findFirst().map(StripeCustomerRow::domain);
        }

        @Override
        public Optional<StripeCustomer> findByStripeId(UUID appId, String stripeCustomerId) {
            return Sql.rows(jdbc, StripeCustomerRow.class, "SELECT * FROM billing.stripe_customers WHERE app_id = ? AND stripe_customer_id = ?"
                    + " ORDER BY created_at LIMIT 1", List.of(appId, stripeCustomerId)).stream().findFirst().map(StripeCustomerRow::domain);
        }

        // reconciliation

        @Override
        public List<StripeCustomer> ofApp(UUID appId) {
            return Sql.rows(jdbc, StripeCustomerRow.class, "SELECT * FROM billing.stripe_customers WHERE app_id = ? ORDER BY created_at, customer_id",
                    List.of(appId)).stream().map(StripeCustomerRow::domain).toList();
        }

        @Override
        public boolean forget(UUID appId, UUID customerId, String stripeCustomerId) {
            return Sql.update(jdbc, "DELETE FROM billing.stripe_customers WHERE app_id = ? AND customer_id = ? AND stripe_customer_id = ?",
                    List.of(appId, customerId, stripeCustomerId)) == 1;
        }
    }

    @Singleton
    static final class Events implements StripeEventStore {
        private static final String COLUMNS = "app_id, event_id, namespace, type, payload, attempts, processed_at, outcome";
        private final JdbcOperations jdbc;

        Events(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public boolean insertIfNew(UUID appId, String eventId, UUID namespace, String type, String payload, Instant receivedAt) {
            return Sql.update(jdbc, "INSERT INTO billing.stripe_events (app_id, event_id, namespace, type, payload, received_at, next_attempt_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (app_id, event_id) DO NOTHING",
                    List.of(appId, eventId, namespace, type, payload, Sql.timestamp(receivedAt), Sql.timestamp(receivedAt))) == 1;
        }

        @Override
        public List<Key> due(Instant now, int limit) {
            return Sql.rows(jdbc, StripeEventRow.class, "SELECT " + COLUMNS + " FROM billing.stripe_events WHERE processed_at IS NULL"
                    + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?", List.of(Sql.timestamp(now), limit)).stream()
                    .map(r -> new Key(r.appId(), r.eventId())).toList();
        }

        @Override
        public Optional<Stored> lockPending(Key key) {
            return Sql.rows(jdbc, StripeEventRow.class, "SELECT " + COLUMNS + " FROM billing.stripe_events WHERE app_id = ? AND event_id = ?"
                    + " AND processed_at IS NULL FOR UPDATE SKIP LOCKED", List.of(key.appId(), key.eventId())).stream().findFirst().map(StripeEventRow::domain);
        }

        @Override
        public Optional<Stored> find(Key key) {
            return Sql.rows(jdbc, StripeEventRow.class, "SELECT " + COLUMNS + " FROM billing.stripe_events WHERE app_id = ? AND event_id = ?",
                    List.of(key.appId(), key.eventId())).stream().findFirst().map(StripeEventRow::domain);
        }

        @Override
        public void processed(Key key, String outcome, Instant at) {
            Sql.update(jdbc, "UPDATE billing.stripe_events SET processed_at = ?, outcome = ?, attempts = attempts + 1 WHERE app_id = ? AND event_id = ?",
                    List.of(Sql.timestamp(at), outcome, key.appId(), key.eventId()));
        }

        @Override
        public void failed(Key key, String outcome, Instant nextAttemptAt, Instant at) {
            Sql.update(jdbc, "UPDATE billing.stripe_events SET attempts = attempts + 1, outcome = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
                    + " processed_at = CASE WHEN ? THEN ? ELSE NULL END WHERE app_id = ? AND event_id = ?",
                    Arrays.asList(outcome, nextAttemptAt == null ? null : Sql.timestamp(nextAttemptAt), nextAttemptAt == null, Sql.timestamp(at),
                            key.appId(), key.eventId()));
        }
    }
}
