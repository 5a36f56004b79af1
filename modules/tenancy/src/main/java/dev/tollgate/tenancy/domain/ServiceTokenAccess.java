package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** One permission granted to a service token, organization-wide ({@code database == null}) or for one database. */
public record ServiceTokenAccess(UUID id, String publicId, UUID serviceTokenId, String access, String database, Instant createdAt) {
    /** The accesses Tollgate understands: those the permission table uses plus PlanetScale's database grants. */
    public static final Set<String> KNOWN;

    static {
        Set<String> known = new TreeSet<>();
        for (Permission permission : Permission.values()) {
            if (permission.serviceTokenAccess() != null) {
                known.add(permission.serviceTokenAccess());
            }
        }
        known.addAll(Set.of("read_databases", "create_databases", "delete_databases", "read_branches", "create_branches",
                "delete_branches", "connect_branch", "read_billing", "manage_passwords", "read_backups",
                "write_backups", "read_webhooks", "write_webhooks"));
        KNOWN = Set.copyOf(known);
    }

    /** The permissions this access allows (none for PlanetScale's accesses Tollgate has nothing behind yet). */
    public static List<Permission> permissionsOf(String access) {
        return Arrays.stream(Permission.values()).filter(p -> access.equals(p.serviceTokenAccess())).toList();
    }

    /**
     * The weakest member role that may hand this access to a service token: the role every permission it allows
     * needs, and at least admin (who alone manage service tokens) for accesses with nothing behind them yet.
     */
    public static Role weakestRoleGranting(String access) {
        return permissionsOf(access).stream().map(Permission::minimumRole).reduce(Role.ADMIN, ServiceTokenAccess::stronger);
    }

    static Role stronger(Role a, Role b) {
        return a.atLeast(b) ? a : b;
    }

    public static ServiceTokenAccess grant(UUID serviceTokenId, String access, String database, Instant now) {
        if (access == null || access.isBlank()) {
            throw new ValidationException("access", "must not be blank");
        }
        if (!KNOWN.contains(access)) {
            throw new ValidationException("access", "unknown access '" + access + "'; known accesses: " + new TreeSet<>(KNOWN));
        }
        if (database != null && (database.isBlank() || database.length() > 100)) {
            throw new ValidationException("database", "must be 1 to 100 characters when given");
        }
        UUID id = TypeId.newUuid();
        return new ServiceTokenAccess(id, TypeId.format("sta", id), serviceTokenId, access, database, now);
    }
}
