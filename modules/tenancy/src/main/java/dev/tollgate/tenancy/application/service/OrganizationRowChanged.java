package dev.tollgate.tenancy.application.service;

import java.util.UUID;

/** An organization's row changed in the transaction under way; the cached copy is out of date once it commits. */
record OrganizationRowChanged(UUID organizationId) {
}
