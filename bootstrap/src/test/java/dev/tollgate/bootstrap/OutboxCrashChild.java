package dev.tollgate.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * A Tollgate node in a process of its own, for {@link OutboxCrashTest}: on the given database, with its outbox relay
 * off, so what it commits stays undelivered until another node relays it. Prints its HTTP port and waits to be killed.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", args[0], "datasources.default.username", "postgres",
                "datasources.default.password", "postgres", "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES", "micronaut.server.port", "-1", "tollgate.proxy.port", "0",
                "tollgate.tiers.initial", "enterprise", "tollgate.outbox.relay.enabled", "false"), "test");
        System.out.println("PORT=" + server.getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
