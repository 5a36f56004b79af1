package dev.tollgate.proxy.application.port.out;

/** Where clients reach the data plane: the domain under which project hosts live, and the proxy port. */
public interface ProxySettings {
    String proxyDomain();

    int proxyPort();

    /** The limits new projects get until plans provide them. */
    dev.tollgate.proxy.domain.ProjectLimits defaultLimits();

    /** How far behind its primary a read replica may be and still be given reads ({@code tollgate.proxy.replica-max-lag}). */
    java.time.Duration replicaMaxLag();
}
