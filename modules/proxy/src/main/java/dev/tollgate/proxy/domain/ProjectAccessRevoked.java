package dev.tollgate.proxy.domain;

import java.net.InetAddress;
import java.util.List;
import java.util.UUID;

/**
 * A project's access rules changed: the data plane drops the live connections the new rules no longer admit — all of
 * them when the project was deleted or suspended, those outside the new allowlist when {@code allowed_cidrs} changed.
 */
public record ProjectAccessRevoked(UUID projectId, List<CidrEntry> allowedCidrs, boolean everyone) {

    public static ProjectAccessRevoked everyone(UUID projectId) {
        return new ProjectAccessRevoked(projectId, List.of(), true);
    }

    public static ProjectAccessRevoked outside(UUID projectId, List<CidrEntry> allowedCidrs) {
        return new ProjectAccessRevoked(projectId, List.copyOf(allowedCidrs), false);
    }

    /** Whether a client connected from {@code address} must go (an empty allowlist admits everyone). */
    public boolean drops(InetAddress address) {
        return everyone || (!allowedCidrs.isEmpty() && allowedCidrs.stream().noneMatch(cidr -> cidr.contains(address)));
    }
}
