package dev.tollgate.tenancy.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.tenancy.application.port.in.PurgeAuditLogUseCase;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each tier keeps its audit log as long as configured, and the purge is the one delete the table lets through. */
@MicronautTest(transactional = false)
class AuditRetentionTest extends HttpTest {
    @Inject
    MutableClock clock;
    @Inject
    PurgeAuditLogUseCase purge;
    @Value("${datasources.default.url}")
    String databaseUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        properties.put("tollgate.audit.retention.tiers.starter", "30d");
        properties.put("tollgate.audit.retention.fallback", "60d");
        return properties;
    }

    private void onTier(Account account, String tier) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("UPDATE tenancy.organizations SET plan = ? WHERE slug = ?")) {
            s.setString(1, tier);
            s.setString(2, account.orgSlug());
            s.executeUpdate();
        }
    }

    /** Counted in the database: the accounts' sign-in tokens do not outlive the months this test moves through. */
    private int entries(Account account) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM tenancy.audit_entries a JOIN tenancy.organizations o "
                     + "ON o.id = a.organization_id WHERE o.slug = ?")) {
            s.setString(1, account.orgSlug());
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void eachTierKeepsItsEntriesForItsRetention() throws Exception {
        Account starter = Accounts.signUp(http, "ShortMemory");
        Account enterprise = Accounts.signUp(http, "LongMemory");
        Account unnamed = Accounts.signUp(http, "DefaultMemory");
        onTier(starter, "starter");
        onTier(enterprise, "enterprise");
        onTier(unnamed, "bespoke");
        assertEquals(1, entries(starter));

        clock.advance(Duration.ofDays(31));
        String token = http.post("/v1/auth/login", "{\"email\":\"" + starter.email() + "\",\"password\":\"correct horse battery\"}")
                .expect(200).json().get("access_token").asText(); // a month later, the first session has expired
        http.put("/workspace/api/v1/" + starter.orgSlug(), "{\"name\":\"Still Here\"}", "Authorization", "Bearer " + token).expect(200);
        assertTrue(purge.purgeExpired() >= 1);
        assertEquals(1, entries(starter), "the month-old creation went; this month's rename stays");
        assertEquals(1, entries(enterprise));
        assertEquals(1, entries(unnamed), "60 days for a tier not named");

        clock.advance(Duration.ofDays(30));
        purge.purgeExpired();
        assertEquals(0, entries(unnamed));
        assertEquals(1, entries(enterprise), "730 days by default");
        assertEquals(0, purge.purgeExpired(), "nothing left to purge: idempotent");
    }
}
