package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The scopes an API key can carry. A typo is refused at creation rather than failing later at use. */
public final class ApiKeyScope {
    /** Grants every scope; what the demo admin key carries. */
    public static final String ALL = "*";
    public static final Set<String> KNOWN;

    static {
        Set<String> known = new TreeSet<>();
        Arrays.stream(Permission.values()).map(Permission::apiKeyScope).forEach(known::add);
        known.addAll(List.of("entitlements.read", "entitlements.write", "usage.read", "usage.write",
                "billing.read", "billing.write", "webhooks.read", "webhooks.write",
                "meters.read", "meters.write", "events.write"));
        known.add(ALL);
        KNOWN = Set.copyOf(known);
    }

    private ApiKeyScope() {
    }

    public static Set<String> validate(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new ValidationException("scopes", "must name at least one scope, e.g. workspaces.read");
        }
        Set<String> result = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (!KNOWN.contains(scope)) {
                throw new ValidationException("scopes", "unknown scope '" + scope + "'; known scopes: " + new TreeSet<>(KNOWN));
            }
            result.add(scope);
        }
        return result;
    }

    /** The permissions a scope allows; {@link #ALL} allows them all. */
    public static List<Permission> permissionsOf(String scope) {
        return Arrays.stream(Permission.values()).filter(p -> ALL.equals(scope) || p.apiKeyScope().equals(scope)).toList();
    }

    /**
     * The weakest member role that may put this scope on a key: the role every permission it allows needs (so
     * {@code *} and {@code workspaces.delete} need the owner), and at least admin for scopes with nothing behind them yet.
     */
    public static Role weakestRoleGranting(String scope) {
        Role needed = ALL.equals(scope) ? Role.OWNER : Role.ADMIN;
        return permissionsOf(scope).stream().map(Permission::minimumRole).reduce(needed, ServiceTokenAccess::stronger);
    }

    public static boolean grants(Set<String> held, String required) {
        return held.contains(ALL) || held.contains(required);
    }
}
