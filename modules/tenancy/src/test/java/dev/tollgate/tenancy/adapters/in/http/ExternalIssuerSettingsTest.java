package dev.tollgate.tenancy.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A JWKS URL without the issuer or the audience to expect does not start: it would accept anyone's tokens from that JWKS. */
class ExternalIssuerSettingsTest implements TestDatabase {

    @Test
    void aJwksUrlWithoutAnIssuerRefusesToStart() {
        Throwable refused = startFails(Map.of("tollgate.auth.external-audience", "tollgate-dashboard"));
        assertTrue(message(refused).contains("tollgate.auth.external-issuer (TOLLGATE_AUTH_EXTERNAL_ISSUER) is not"), message(refused));
    }

    @Test
    void aJwksUrlWithoutAnAudienceRefusesToStart() {
        Throwable refused = startFails(Map.of("tollgate.auth.external-issuer", "https://auth.example.test"));
        assertTrue(message(refused).contains("tollgate.auth.external-audience (TOLLGATE_AUTH_EXTERNAL_AUDIENCE) is not"), message(refused));
    }

    private Throwable startFails(Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("tollgate.auth.external-jwks-url", "http://127.0.0.1:9/jwks.json");
        properties.putAll(extra);
        return assertThrows(RuntimeException.class, () -> {
            try (ApplicationContext context = ApplicationContext.builder().environments(Environment.TEST).properties(properties).start()) {
                context.getBean(io.micronaut.runtime.server.EmbeddedServer.class);
            }
        });
    }

    private static String message(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
