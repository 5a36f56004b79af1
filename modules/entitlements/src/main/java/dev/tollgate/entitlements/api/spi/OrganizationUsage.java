package dev.tollgate.entitlements.api.spi;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * How much of a static per-organization limit is in use, for the limits Tollgate itself counts (active projects
 * against {@code max_projects}, members against {@code included_seats}): the counts live in other modules, so the
 * deployable answers. Empty for any other feature.
 */
public interface OrganizationUsage {
    OptionalLong used(UUID organizationId, String featureKey);
}
