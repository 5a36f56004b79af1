package dev.tollgate.tenancy.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.AuthenticateUseCase;
import dev.tollgate.tenancy.application.port.out.ApiKeyStore;
import dev.tollgate.tenancy.domain.ApiKey;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A request that reads an API key while its revocation is written but not yet committed sees the committed, still
 * valid row. Whatever it caches then must not outlive the commit: the revoked key is refused at once afterwards.
 */
@MicronautTest(transactional = false)
class RevocationRaceTest extends HttpTest {
    /** The plaintext the racing request presents; set by the test before it revokes. */
    static volatile String racingKey;
    /** What the racing request was told, proving the race really happened. */
    static final AtomicReference<Optional<Caller>> racingResult = new AtomicReference<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("test.revocation-race", "true");
        return properties;
    }

    @Test
    void aReadRacingTheRevocationCannotKeepTheRevokedKeyCached() {
        Account kay = Accounts.signUp(http, "Kay");
        var created = http.post("/v1/api-keys", "{\"org_id\":\"" + kay.orgId() + "\",\"name\":\"ci\",\"scopes\":[\"workspaces.read\"]}",
                kay.auth()).expect(201).json();
        String key = created.get("key").asText();
        String org = "/v1/organizations/" + kay.orgSlug();
        http.get(org, "Authorization", "Bearer " + key).expect(200); // records the first use
        http.get(org, "Authorization", "Bearer " + key).expect(200); // now cached, recently used

        racingKey = key;
        http.delete("/v1/api-keys/" + created.get("id").asText() + "?org_id=" + kay.orgSlug(), kay.auth()).expect(204);
        racingKey = null;

        assertTrue(racingResult.get() != null && racingResult.get().isPresent(),
                "the racing read ran between the revocation's write and its commit, and saw the key still valid");
        http.get(org, "Authorization", "Bearer " + key).expect(401);
    }

    /**
     * Wraps the key store: when a revoked key is saved, a synchronization of the revoking transaction runs a
     * request for that key on another thread just before the transaction commits.
     */
    @Singleton
    @Requires(property = "test.revocation-race", value = "true")
    static class RaceBeforeCommit implements BeanCreatedEventListener<ApiKeyStore> {
        private final Provider<TransactionOperations<Connection>> transactions;
        private final Provider<AuthenticateUseCase> authentication;

        RaceBeforeCommit(Provider<TransactionOperations<Connection>> transactions, Provider<AuthenticateUseCase> authentication) {
            this.transactions = transactions;
            this.authentication = authentication;
        }

        @Override
        public ApiKeyStore onCreated(BeanCreatedEvent<ApiKeyStore> event) {
            ApiKeyStore store = event.getBean();
            return (ApiKeyStore) Proxy.newProxyInstance(ApiKeyStore.class.getClassLoader(), new Class<?>[] {ApiKeyStore.class},
                    (proxy, method, args) -> {
                        Object result;
                        try {
                            result = method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        String key = racingKey;
                        if (method.getName().equals("save") && key != null && ((ApiKey) args[0]).isRevoked()) {
                            transactions.get().findTransactionStatus().orElseThrow().registerSynchronization(new TransactionSynchronization() {
                                @Override
                                public void beforeCommit(boolean readOnly) {
                                    try {
                                        racingResult.set(CompletableFuture.supplyAsync(() -> authentication.get().resolveBearer(key))
                                                .get(10, TimeUnit.SECONDS));
                                    } catch (Exception e) {
                                        throw new IllegalStateException("the racing read did not complete", e);
                                    }
                                }
                            });
                        }
                        return result;
                    });
        }
    }
}
