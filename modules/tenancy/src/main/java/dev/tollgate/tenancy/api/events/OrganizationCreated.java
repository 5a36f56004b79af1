package dev.tollgate.tenancy.api.events;

import java.util.UUID;

/**
 * An organization was created (sign-up or a new workspace), published inside the creating transaction so that what
 * other modules set up for it (its starting tier) commits or rolls back with it. {@code publicId} is also its customer
 * key in the system namespace.
 */
public record OrganizationCreated(UUID organizationId, String publicId) {
}
