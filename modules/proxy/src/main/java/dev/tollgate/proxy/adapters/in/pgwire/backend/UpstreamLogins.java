package dev.tollgate.proxy.adapters.in.pgwire.backend;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.platform.domain.Sha256;
import dev.tollgate.proxy.application.port.in.ResolveUpstreamUseCase;
import dev.tollgate.proxy.domain.Scram;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the proxy's logins to upstreams share: where to dial (the destination policy, asked before every connection),
 * the deadline for a whole login ({@code tollgate.proxy.server-login-timeout},
 * so a silent upstream cannot hold a pool's connection slot), and SCRAM's salted passwords, derived off the event loops
 * on two threads and remembered per password, salt and iteration count (an upstream's salt for a role does not change
 * between logins, so a pool derives once, not per connection). Caffeine computes each key once without a global lock.
 */
@Singleton
final class UpstreamLogins {
    final Duration timeout;
    private final ThreadPoolExecutor derivations = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
        Thread thread = new Thread(r, "pgwire-scram");
        thread.setDaemon(true);
        return thread;
    });
    private final AsyncCache<String, byte[]> salted = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1))
            .executor(derivations)
            .buildAsync();

    private final ResolveUpstreamUseCase upstreams;
    static final int NEW_SALTS_PER_MINUTE = 5;
    /** New salts seen per password in the current minute. */
    private final Cache<String, AtomicInteger> newSalts = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    UpstreamLogins(@Value("${tollgate.proxy.server-login-timeout:15s}") Duration timeout, ResolveUpstreamUseCase upstreams) {
        this.timeout = timeout;
        this.upstreams = upstreams;
    }

    /** Where to dial, checked against the destination policy now (never on the caller's thread). */
    CompletableFuture<List<InetAddress>> addresses(String host, int port, String dataCluster) {
        return upstreams.allowedAddresses(host, port, dataCluster);
    }

    /**
     * The salted password for {@code challenge}, computed on the derivation threads unless remembered. A PostgreSQL
     * role's salt does not change between logins; an upstream that presents new ones over and over only makes the
     * shared derivation threads work for it, so beyond {@link #NEW_SALTS_PER_MINUTE} a minute for one password it is
     * refused.
     */
    CompletableFuture<byte[]> saltedPassword(String password, Scram.Challenge challenge) {
        String passwordKey = Sha256.hex(password);
        String key = passwordKey + "|" + Base64.getEncoder().encodeToString(challenge.salt()) + "|" + challenge.iterations();
        CompletableFuture<byte[]> known = salted.getIfPresent(key);
        if (known != null) {
            return known;
        }
        if (newSalts.get(passwordKey, k -> new AtomicInteger()).incrementAndGet() > NEW_SALTS_PER_MINUTE) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the upstream presents a new SCRAM salt at every login; refusing to derive more keys for it this minute"));
        }
        try {
            return salted.get(key, k -> Scram.saltedPassword(password, challenge.salt(), challenge.iterations()));
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            return CompletableFuture.failedFuture(new IllegalStateException("too many upstream logins are deriving keys at once"));
        }
    }

    @PreDestroy
    void close() {
        derivations.shutdownNow();
    }
}
