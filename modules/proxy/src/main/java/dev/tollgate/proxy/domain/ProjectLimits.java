package dev.tollgate.proxy.domain;

/**
 * A project's connection and rate limits. They are read-only in the API: later they come from the organization's
 * plan (entitlements); until then every project gets {@link #DEFAULT}. Zero means unlimited.
 */
public record ProjectLimits(int maxConnections, int queriesPerSecond, int burstSize) {
    public static final ProjectLimits DEFAULT = new ProjectLimits(100, 1000, 200);
}
