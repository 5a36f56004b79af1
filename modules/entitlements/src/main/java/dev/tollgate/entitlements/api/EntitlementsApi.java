package dev.tollgate.entitlements.api;

/**
 * What other modules may ask of entitlements: the limits of an organization's Tollgate tier, and moving it to
 * another tier. An organization's tier is a set of entitlements of its customer in the system namespace, made from
 * the entitlement templates of the tier's plan (ADR 0011).
 */
public interface EntitlementsApi {
    /** The limits in force for the organization (its {@code org_...} id); the starter tier's while it has none. */
    OrganizationLimits limitsOf(String organizationPublicId);

    /**
     * Puts the organization on {@code tierKey}: its tier entitlements become those of the tier plan's active version,
     * replacing the previous ones at once. Publishes {@link dev.tollgate.entitlements.api.events.LimitsChanged}.
     */
    void assignTier(String organizationPublicId, String tierKey);

    /**
     * Puts the organization on the enterprise tier with the given limits in place of the tier's (null keeps the
     * tier's figure; 0 means unlimited), as PgBeam's SetEnterprisePlan does.
     */
    void assignCustomLimits(String organizationPublicId, CustomLimits limits);

    record CustomLimits(Long queriesPerDay, Integer maxProjects, Integer maxDatabases, Integer maxConnections, Integer queriesPerSecond,
                        Long bytesPerMonth, Integer maxQueryShapes, Integer includedSeats) {
    }

    /** The usage so far in the current period of the organization's metered tier limit on {@code featureKey}; 0 without one. */
    long usageInPeriod(String organizationPublicId, String featureKey);

    /**
     * Limits as PgBeam states them: 0 means unlimited. {@code queriesPerSecond} and {@code burst} are per project,
     * {@code maxConnections} per project, {@code maxDatabases} per project, the rest per organization.
     */
    record OrganizationLimits(String tier, long queriesPerDay, int maxProjects, int maxDatabases, int maxConnections, int queriesPerSecond,
                              int burst, long bytesPerMonth, int maxQueryShapes, int includedSeats, boolean customDomains,
                              boolean customPricing, IngestRate ingestRate) {
        public static final OrganizationLimits UNLIMITED = new OrganizationLimits("unlimited", 0, 0, 0, 0, 0, 0, 0, 0, 0, true, false,
                null);
    }

    /**
     * Events a second (and burst) the organization's OpenMeter namespace may ingest, from its {@code events_per_second}
     * entitlement; null in {@link OrganizationLimits} when it has none (the node's default applies), 0 = unlimited.
     */
    record IngestRate(long perSecond, long burst) {
    }
}
