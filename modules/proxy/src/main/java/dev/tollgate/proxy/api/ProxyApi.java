package dev.tollgate.proxy.api;

import java.util.UUID;

/** What the deployable may ask of the proxy module: how much of a tier's project allowance an organization uses. */
public interface ProxyApi {
    /** The organization's projects that count against {@code max_projects} (all but deleted ones). */
    long activeProjects(UUID organizationId);
}
