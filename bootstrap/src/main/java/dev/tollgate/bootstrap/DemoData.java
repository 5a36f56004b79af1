package dev.tollgate.bootstrap;

import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.SeededAdmin;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * On the first start against an empty database: an admin user, the "demo" organization and an all-scopes API key,
 * printed once with URLs to try. {@code TOLLGATE_ADMIN_*} fix the values so scripts can rely on them.
 */
@Singleton
@Requires(property = "tollgate.demo-data.enabled", notEquals = "false")
final class DemoData {
    private final TenancyApi tenancy;
    private final String email;
    private final String password;
    private final String apiKey;
    private final String internalSecret;

    DemoData(TenancyApi tenancy,
             @Value("${tollgate.admin.email:admin@tollgate.local}") String email,
             @Nullable @Value("${tollgate.admin.password}") String password,
             @Nullable @Value("${tollgate.admin.api-key}") String apiKey,
             @Nullable @Value("${tollgate.internal-secret-generated}") String internalSecret) {
        this.tenancy = tenancy;
        this.email = email;
        this.password = password;
        this.apiKey = apiKey;
        this.internalSecret = internalSecret;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        String chosenPassword = password != null ? password : randomPassword();
        Optional<SeededAdmin> seeded = tenancy.seedAdminIfEmpty(email, chosenPassword, "demo", apiKey);
        String base = "http://localhost:" + event.getSource().getPort();
        if (seeded.isEmpty()) {
            System.out.println("\nTollgate is up on " + base + " (demo data was seeded on the first start).\n");
            return;
        }
        SeededAdmin admin = seeded.get();
        System.out.println("""

                ================================================================================
                 Tollgate is up on %1$s — demo data seeded (shown once; keep it):
                   admin email      %2$s
                   admin password   %3$s
                   API key          %4$s
                   organization     %5$s (slug '%6$s', php-tenant workspace id %7$d)%8$s
                 Try:
                   curl %1$s/v1/health
                   curl -H 'Authorization: Bearer %4$s' %1$s/v1/organizations/%6$s
                   curl -H 'Authorization: Bearer %4$s' %1$s/api/v1/workspaces/%7$d
                 API documentation: %1$s/swagger-ui/index.html
                ================================================================================
                """.formatted(base, admin.email(), password != null ? "(from TOLLGATE_ADMIN_PASSWORD)" : chosenPassword,
                admin.apiKey(), admin.organizationId(), admin.organizationSlug(), admin.organizationNumber(),
                internalSecret == null ? "" : "\n   internal secret  " + internalSecret + "  (X-Internal-Secret: the platform operator, for /v1/internal/* and the system namespace)"));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
