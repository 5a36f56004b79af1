package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user's acceptance of a version of a legal document, as the dashboard reports it at sign-up (PgBeam's RecordConsent). */
public record Consent(UUID id, UUID userId, String documentType, String documentVersion, String ipAddress, Instant acceptedAt) {
    public static final Set<String> DOCUMENTS = Set.of("terms_of_service", "privacy_policy");

    public static Consent record(UUID userId, String documentType, String documentVersion, String ipAddress, Instant now) {
        if (documentType == null || !DOCUMENTS.contains(documentType)) {
            throw new ValidationException("document_type", "must be terms_of_service or privacy_policy");
        }
        if (documentVersion == null || documentVersion.isBlank() || documentVersion.length() > 100) {
            throw new ValidationException("document_version", "is required (at most 100 characters)");
        }
        if (ipAddress != null && ipAddress.length() > 64) {
            throw new ValidationException("ip_address", "must be at most 64 characters");
        }
        return new Consent(TypeId.newUuid(), userId, documentType, documentVersion.strip(), ipAddress, now);
    }

    public String publicId() {
        return TypeId.format("cns", id);
    }
}
