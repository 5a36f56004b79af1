package dev.tollgate.entitlements.api.events;

/** The limits of an organization changed (a new tier, an override): whoever holds a copy reloads it. */
public record LimitsChanged(String organizationPublicId) {
}
