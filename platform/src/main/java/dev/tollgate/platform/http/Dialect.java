package dev.tollgate.platform.http;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The API document a request speaks, decided by its path alone. Error shapes, validation status codes and
 * pagination follow from it. Native dashboard routes ({@code /v1/auth}, {@code /v1/api-keys}, ...) are
 * designed in PgBeam's style and so speak PgBeam.
 */
public enum Dialect {
    PGBEAM,
    PLANETSCALE,
    CENTRALI,
    OPENMETER,
    PHP_TENANT;

    private record Rule(Pattern path, Dialect dialect) {
    }

    // Most specific first: several documents share the /v1 and /api/v1 prefixes.
    private static final List<Rule> RULES = List.of(
            rule("^/workspace/api/.*", CENTRALI),
            rule("^/api/v1/(workspaces|entitlements/check|entitlements/usage)(/.*)?$", PHP_TENANT),
            rule("^/api/(workspaces|entitlements|entitlement-webhooks|provisioning)(/.*)?$", PHP_TENANT),
            rule("^/api/.*", OPENMETER),
            rule("^/v1/organizations/[^/]+/(cancellation-feedback|onboarding|plan|spend-limit|usage)$", PGBEAM),
            rule("^/v1/organizations(/.*)?$", PLANETSCALE));

    private static Rule rule(String regex, Dialect dialect) {
        return new Rule(Pattern.compile(regex), dialect);
    }

    public static Dialect of(String path) {
        for (Rule rule : RULES) {
            if (rule.path().matcher(path).matches()) {
                return rule.dialect();
            }
        }
        return PGBEAM;
    }
}
