package dev.tollgate.billing.domain.app;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An app installed in a namespace. Sandbox and custom invoicing do nothing outside Tollgate; custom invoicing's two
 * hooks say whether an invoice waits in draft/issuing syncing until the external system reports back. Uninstalling
 * keeps the row (deletedAt), so invoices and profiles that named the app can still show it. A Stripe app carries its
 * account's public facts ({@code stripe}); its API key and webhook secret are kept sealed apart (ADR 0039).
 */
public record App(UUID id, UUID namespace, AppType type, String name, String description, Map<String, String> metadata,
                  boolean enableDraftSyncHook, boolean enableIssuingSyncHook, Instant createdAt, Instant updatedAt, Instant deletedAt,
                  StripeAccount stripe) {

    /** What an update (OpenMeter's AppReplaceUpdate) replaces; the hooks only matter for custom invoicing. */
    public record Change(AppType type, String name, String description, Map<String, String> metadata, Boolean enableDraftSyncHook,
                         Boolean enableIssuingSyncHook) {
    }

    /** A fresh install of a no-credentials app; custom invoicing starts with both hooks off (progress automatically). */
    public static App install(UUID namespace, Listing listing, String name, Instant now) {
        String chosen = name == null || name.isBlank() ? listing.name() : name;
        List<FieldError> errors = new ArrayList<>();
        checkName(errors, chosen, null);
        throwIfAny(errors);
        return new App(TypeId.newUuid(), namespace, listing.type(), chosen, null, null, false, false, now, now, null, null);
    }

    /** A fresh Stripe app connected to {@code account}; its id was chosen first, since Stripe's webhook URL names it. */
    public static App installStripe(UUID id, UUID namespace, String name, StripeAccount account, Instant now) {
        String chosen = name == null || name.isBlank() ? Marketplace.STRIPE.name() : name;
        List<FieldError> errors = new ArrayList<>();
        checkName(errors, chosen, null);
        throwIfAny(errors);
        return new App(id, namespace, AppType.STRIPE, chosen, null, null, false, false, now, now, null, account);
    }

    /** The same Stripe app under a new key (same account and mode). */
    public App withStripe(StripeAccount account, Instant now) {
        return new App(id, namespace, type, name, description, metadata, enableDraftSyncHook, enableIssuingSyncHook, createdAt, now, deletedAt, account);
    }

    public App replace(Change change, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (change.type() != type) {
            errors.add(new FieldError("type", "is '" + type.wire() + "' for this app, not '" + change.type().wire() + "'; an app's type never changes"));
        }
        checkName(errors, change.name(), change.description());
        boolean custom = type == AppType.CUSTOM_INVOICING;
        if (custom && change.enableDraftSyncHook() == null) {
            errors.add(new FieldError("enableDraftSyncHook", "is required for a custom invoicing app"));
        }
        if (custom && change.enableIssuingSyncHook() == null) {
            errors.add(new FieldError("enableIssuingSyncHook", "is required for a custom invoicing app"));
        }
        throwIfAny(errors);
        return new App(id, namespace, type, change.name(), change.description(), change.metadata(),
                custom && change.enableDraftSyncHook(), custom && change.enableIssuingSyncHook(), createdAt, now, null, stripe);
    }

    public App uninstalled(Instant now) {
        return new App(id, namespace, type, name, description, metadata, enableDraftSyncHook, enableIssuingSyncHook, createdAt, now, now, stripe);
    }

    public boolean installed() {
        return deletedAt == null;
    }

    public Listing listing() {
        return Marketplace.of(type);
    }

    private static void checkName(List<FieldError> errors, String name, String description) {
        if (name == null || name.isEmpty() || name.length() > 256) {
            errors.add(new FieldError("name", "is required, 1-256 characters"));
        }
        if (description != null && description.length() > 1024) {
            errors.add(new FieldError("description", "must be at most 1024 characters"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
