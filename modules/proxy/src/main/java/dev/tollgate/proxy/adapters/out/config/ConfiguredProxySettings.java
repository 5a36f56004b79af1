package dev.tollgate.proxy.adapters.out.config;

import dev.tollgate.proxy.application.port.out.ProxySettings;
import dev.tollgate.proxy.domain.ProjectLimits;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** {@code tollgate.proxy.domain} (project hosts are {@code <id>.<cloud>.<domain>}) and {@code tollgate.proxy.port}. */
@Singleton
final class ConfiguredProxySettings implements ProxySettings {
    private final String domain;
    private final int port;
    private final ProjectLimits limits;
    private final java.time.Duration replicaMaxLag;

    ConfiguredProxySettings(@Value("${tollgate.proxy.domain:tollgate.localhost}") String domain,
                            @Value("${tollgate.proxy.port:6432}") int port,
                            @Value("${tollgate.proxy.default-max-connections:100}") int maxConnections,
                            @Value("${tollgate.proxy.replica-max-lag:5s}") java.time.Duration replicaMaxLag) {
        this.replicaMaxLag = replicaMaxLag;
        this.domain = domain;
        this.port = port;
        this.limits = new ProjectLimits(maxConnections, ProjectLimits.DEFAULT.queriesPerSecond(), ProjectLimits.DEFAULT.burstSize());
    }

    @Override
    public ProjectLimits defaultLimits() {
        return limits;
    }

    @Override
    public java.time.Duration replicaMaxLag() {
        return replicaMaxLag;
    }

    @Override
    public String proxyDomain() {
        return domain;
    }

    @Override
    public int proxyPort() {
        return port;
    }
}
