package dev.tollgate.proxy.adapters.in.pgwire.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.domain.Scram;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** An upstream that changes its SCRAM salt at every login cannot keep the shared derivation threads busy. */
class UpstreamLoginsTest {
    private final UpstreamLogins logins = new UpstreamLogins(Duration.ofSeconds(15), (host, port, cluster) -> CompletableFuture.failedFuture(
            new IllegalStateException("not used")));

    private static Scram.Challenge challenge(int salt) {
        return new Scram.Challenge("r=x,s=c2FsdA==,i=4096", "x", new byte[] {(byte) salt, 1, 2, 3}, 4096);
    }

    @Test
    void aRememberedSaltIsFreeButEndlessNewOnesAreRefused() throws Exception {
        byte[] first = logins.saltedPassword("pw", challenge(0)).get();
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(first, logins.saltedPassword("pw", challenge(0)).get(), "the same salt is remembered, not counted");
        }
        for (int salt = 1; salt < UpstreamLogins.NEW_SALTS_PER_MINUTE; salt++) {
            logins.saltedPassword("pw", challenge(salt)).get();
        }
        ExecutionException refused = assertThrows(ExecutionException.class, () -> logins.saltedPassword("pw", challenge(99)).get());
        assertTrue(refused.getCause().getMessage().contains("new SCRAM salt at every login"), refused.getMessage());
        logins.saltedPassword("another password", challenge(99)).get(); // another database's login is not held back
    }
}
