package dev.tollgate.entitlements.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.entitlements.application.port.out.BillingStateStore;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcBillingStateStore implements BillingStateStore {
    private final JdbcOperations jdbc;

    JdbcBillingStateStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<BillingState> find(UUID organizationId) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("SELECT billing_provider, subscription_status, stripe_customer_id,"
                + " stripe_subscription_id FROM entitlements.organization_billing WHERE organization_id = ?")) {
            s.setObject(1, organizationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new BillingState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the billing state of " + organizationId, e);
        }
    }

    @Override
    public void save(UUID organizationId, BillingState state, Instant at) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("""
                INSERT INTO entitlements.organization_billing
                    (organization_id, billing_provider, subscription_status, stripe_customer_id, stripe_subscription_id, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id) DO UPDATE SET billing_provider = excluded.billing_provider,
                    subscription_status = excluded.subscription_status, stripe_customer_id = excluded.stripe_customer_id,
                    stripe_subscription_id = excluded.stripe_subscription_id, updated_at = excluded.updated_at""")) {
            Sql.bind(s, Arrays.asList(organizationId, state.billingProvider(), state.subscriptionStatus(), state.stripeCustomerId(),
                    state.stripeSubscriptionId(), timestamp(at)));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save the billing state of " + organizationId, e);
        }
    }
}
