package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What plans and add-ons share: one version of a family of versions with the same key, and its lifecycle. A version is
 * a draft until published, active from {@code effectiveFrom}, archived from {@code effectiveTo}; only drafts change,
 * so a subscription pinned to a published version never sees its terms move. Deleting is soft and final.
 */
public record Versioned(UUID id, UUID namespace, String key, int version, String name, String description, Map<String, String> metadata,
                        String currency, Instant effectiveFrom, Instant effectiveTo, Instant createdAt, Instant updatedAt,
                        Instant deletedAt) {
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    /** The header of a new version from a create request (name, description, metadata, key, currency). */
    static Versioned read(DocumentReader r, Map<String, Object> doc, UUID namespace, int version, Instant now) {
        String key = r.key(doc, "", "key", true);
        // required by PlanCreate and AddonCreate: the document's "default USD" names what the SDKs send, not a fallback
        String currency = r.text(doc, "", "currency", true, 3);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            r.fail("currency", "currency_invalid", "must be a three-letter ISO 4217 code such as USD, not '" + currency + "'");
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Versioned(TypeId.newUuid(), namespace, key, version, r.text(doc, "", "name", true, 256),
                r.text(doc, "", "description", false, 1024), r.metadata(doc, ""), currency, null, null, at, at, null);
    }

    /** The same version with the editable header fields of a replace request; key, currency and version stay. */
    Versioned replaced(DocumentReader r, Map<String, Object> doc, Instant now) {
        return new Versioned(id, namespace, key, version, r.text(doc, "", "name", true, 256), r.text(doc, "", "description", false, 1024),
                r.metadata(doc, ""), currency, effectiveFrom, effectiveTo, createdAt, now.truncatedTo(ChronoUnit.MICROS), deletedAt);
    }

    /** A copy of this version's terms as the next draft of the family. */
    Versioned nextDraft(int nextVersion, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Versioned(TypeId.newUuid(), namespace, key, nextVersion, name, description, metadata, currency, null, null, at, at,
                null);
    }

    public CatalogStatus status(Instant now) {
        if (effectiveFrom == null) {
            return CatalogStatus.DRAFT;
        }
        if (effectiveTo != null && !effectiveTo.isAfter(now)) {
            return CatalogStatus.ARCHIVED;
        }
        return effectiveFrom.isAfter(now) ? CatalogStatus.SCHEDULED : CatalogStatus.ACTIVE;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** Only a draft (or a version scheduled for later) may change. */
    void requireEditable(String kind, Instant now) {
        CatalogStatus status = status(now);
        if (status != CatalogStatus.DRAFT && status != CatalogStatus.SCHEDULED) {
            throw invalidStatus(kind, status, "only draft or scheduled " + kind + "s can be updated; create a new version instead");
        }
    }

    Versioned published(String kind, Instant now) {
        CatalogStatus status = status(now);
        if (status != CatalogStatus.DRAFT && status != CatalogStatus.SCHEDULED) {
            throw invalidStatus(kind, status, "only draft or scheduled " + kind + "s can be published");
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Versioned(id, namespace, key, version, name, description, metadata, currency, at, null, createdAt, at, deletedAt);
    }

    Versioned archived(String kind, Instant now) {
        CatalogStatus status = status(now);
        if (status != CatalogStatus.ACTIVE) {
            throw invalidStatus(kind, status, "only active " + kind + "s can be archived");
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Versioned(id, namespace, key, version, name, description, metadata, currency, effectiveFrom, at, createdAt, at,
                deletedAt);
    }

    /** Superseded by the next version published at {@code at}: archived at that very instant. */
    Versioned superseded(Instant at) {
        return new Versioned(id, namespace, key, version, name, description, metadata, currency, effectiveFrom, at, createdAt, at,
                deletedAt);
    }

    Versioned deletedAt(String kind, Instant now) {
        CatalogStatus status = status(now);
        if (status == CatalogStatus.ACTIVE) {
            throw invalidStatus(kind, status, "an active " + kind + " cannot be deleted; archive it first");
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Versioned(id, namespace, key, version, name, description, metadata, currency, effectiveFrom, effectiveTo, createdAt, at,
                at);
    }

    private static ValidationException invalidStatus(String kind, CatalogStatus status, String message) {
        String code = kind + "_invalid_status";
        return new ValidationException(code, List.of(new FieldError("status", message + " (this one is " + status.wire() + ")", code)));
    }
}
