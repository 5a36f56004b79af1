package dev.tollgate.billing.domain.profile;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A billing profile: the supplier invoices are issued as, the workflow they follow and the apps that do the work.
 * A namespace has exactly one default profile, which customers without an override follow. Apps never change (a
 * different app means a new profile); deleting archives the row ({@code deletedAt}).
 */
public record BillingProfile(UUID id, UUID namespace, String name, String description, Map<String, String> metadata, Party supplier,
                             Workflow workflow, ProfileApps apps, boolean isDefault, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    /** What a create or a replace states. */
    public record Details(String name, String description, Map<String, String> metadata, Party supplier, Workflow workflow, boolean isDefault) {
    }

    public static BillingProfile create(UUID namespace, Details d, ProfileApps apps, Instant now) {
        validate(d);
        return new BillingProfile(TypeId.newUuid(), namespace, d.name(), d.description(), d.metadata(), d.supplier(), d.workflow(), apps,
                d.isDefault(), now, now, null);
    }

    public BillingProfile replace(Details d, Instant now) {
        validate(d);
        return new BillingProfile(id, namespace, d.name(), d.description(), d.metadata(), d.supplier(), d.workflow(), apps, d.isDefault(),
                createdAt, now, null);
    }

    /** No longer the default: another profile became it. */
    public BillingProfile demoted(Instant now) {
        return new BillingProfile(id, namespace, name, description, metadata, supplier, workflow, apps, false, createdAt, now, deletedAt);
    }

    public BillingProfile deleted(Instant now) {
        return new BillingProfile(id, namespace, name, description, metadata, supplier, workflow, apps, false, createdAt, now, now);
    }

    public boolean live() {
        return deletedAt == null;
    }

    /** What an invoice made now for a customer of this profile follows. */
    public InvoicingTerms terms() {
        Workflow w = workflow;
        return new InvoicingTerms(Ulid.of(id), supplier.toMap(), w.collectionInterval(), w.anchored(), w.autoAdvance(), w.draftPeriod(),
                w.dueAfter(), w.progressiveBilling(), w.collectionMethod(), w.taxEnabled(), w.taxEnforced(),
                w.defaultTaxConfig() == null ? null : w.defaultTaxConfig().toMap(), Ulid.of(apps.tax()), Ulid.of(apps.invoicing()),
                Ulid.of(apps.payment()));
    }

    private static void validate(Details d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isEmpty() || d.name().length() > 256) {
            errors.add(new FieldError("name", "is required, 1-256 characters"));
        }
        if (d.description() != null && d.description().length() > 1024) {
            errors.add(new FieldError("description", "must be at most 1024 characters"));
        }
        if (d.supplier() == null) {
            errors.add(new FieldError("supplier", "is required"));
        } else {
            errors.addAll(d.supplier().problems("supplier"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
