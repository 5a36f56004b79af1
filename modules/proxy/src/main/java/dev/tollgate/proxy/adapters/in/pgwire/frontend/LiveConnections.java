package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyMetrics;
import dev.tollgate.proxy.domain.ProjectAccessRevoked;
import io.micronaut.runtime.event.annotation.EventListener;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client connections each project has open on this node: enforces {@code max_connections} (SQLSTATE 53300)
 * and drops the connections a project's new access rules refuse (deleted, suspended, outside a changed allowlist).
 */
@Singleton
final class LiveConnections implements ProxyMetrics.ClientCount {
    private final Map<UUID, Set<Channel>> byProject = new ConcurrentHashMap<>();

    /** Registers {@code channel}; false when the project already has {@code max} connections (0 = unlimited). */
    boolean admit(UUID projectId, Channel channel, int max) {
        boolean[] admitted = {false};
        byProject.compute(projectId, (id, channels) -> {
            Set<Channel> set = channels != null ? channels : ConcurrentHashMap.newKeySet();
            if (max == 0 || set.size() < max) {
                set.add(channel);
                admitted[0] = true;
            }
            return set;
        });
        return admitted[0];
    }

    void release(UUID projectId, Channel channel) {
        byProject.computeIfPresent(projectId, (id, channels) -> {
            channels.remove(channel);
            return channels.isEmpty() ? null : channels;
        });
    }

    @Override
    public int count(UUID projectId) {
        Set<Channel> channels = byProject.get(projectId);
        return channels == null ? 0 : channels.size();
    }

    @EventListener
    void onRevoked(ProjectAccessRevoked event) {
        Set<Channel> channels = byProject.get(event.projectId());
        if (channels != null) {
            channels.stream()
                    .filter(channel -> channel.remoteAddress() instanceof InetSocketAddress address && event.drops(address.getAddress()))
                    .forEach(channel -> channel.writeAndFlush(PgWire.fatal(channel.alloc(), "57P01",
                            "terminating connection: the project's access rules changed")).addListener(f -> channel.close()));
        }
    }
}
