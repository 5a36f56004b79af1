package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization — what Centrali and php-tenant call a workspace. One aggregate carries every identifier the
 * dialects address it by: the UUID, the public {@code org_} id, php-tenant's number and the unique slug.
 * Deletion is soft: the organization disappears at once and is purged after the grace period unless restored.
 */
public final class Organization {
    public static final Duration DELETION_GRACE_PERIOD = Duration.ofDays(30);
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    private final UUID id;
    private final String publicId;
    private final long number;
    private Slug slug;
    private String name;
    private String description;
    private String icon;
    private String color;
    private final WorkspaceType type;
    private boolean active;
    private String billingEmail;
    /** The name of its tier (starter, pro, scale, enterprise), kept in step by entitlements when the tier changes. */
    private String plan;
    private final UUID ownerId;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant deletedAt;
    private Instant purgeAfter;

    public Organization(UUID id, String publicId, long number, Slug slug, String name, String description, String icon,
                        String color, WorkspaceType type, boolean active, String billingEmail, String plan, UUID ownerId,
                        Instant createdAt, Instant updatedAt, Instant deletedAt, Instant purgeAfter) {
        this.id = id;
        this.publicId = publicId;
        this.number = number;
        this.slug = slug;
        this.name = name;
        this.description = description;
        this.icon = icon;
        this.color = color;
        this.type = type;
        this.active = active;
        this.billingEmail = billingEmail;
        this.plan = plan;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.deletedAt = deletedAt;
        this.purgeAfter = purgeAfter;
    }

    /** A new, active organization owned by {@code owner}; {@code number} comes from the store's sequence. */
    public static Organization create(long number, Slug slug, String name, String description, String icon, String color,
                                      WorkspaceType type, String billingEmail, UUID owner, Instant now) {
        UUID id = TypeId.newUuid();
        return new Organization(id, TypeId.format("org", id), number, slug, requireName(name),
                limit("description", description, MAX_DESCRIPTION_LENGTH), limit("icon", icon, 50), limit("color", color, 20),
                type, true, billingEmail, "starter", owner, now, now, null, null);
    }

    public void changePlan(String newPlan, Instant now) {
        this.plan = newPlan;
        this.updatedAt = now;
    }

    public void rename(String newName, Instant now) {
        this.name = requireName(newName);
        this.updatedAt = now;
    }

    public void changeSlug(Slug newSlug, Instant now) {
        this.slug = newSlug;
        this.updatedAt = now;
    }

    public void describe(String newDescription, Instant now) {
        this.description = limit("description", newDescription, MAX_DESCRIPTION_LENGTH);
        this.updatedAt = now;
    }

    public void restyle(String newIcon, String newColor, Instant now) {
        this.icon = limit("icon", newIcon, 50);
        this.color = limit("color", newColor, 20);
        this.updatedAt = now;
    }

    public void setActive(boolean isActive, Instant now) {
        this.active = isActive;
        this.updatedAt = now;
    }

    /** Starts the grace period. Asking twice is a conflict: the first deadline stands. */
    public void requestDeletion(Instant now) {
        if (deletedAt != null) {
            throw new ValidationException("already_pending_deletion", java.util.List.of(new dev.tollgate.platform.domain.FieldError(
                    "slug", "workspace '" + slug + "' is already pending deletion until " + purgeAfter)));
        }
        this.deletedAt = now;
        this.purgeAfter = now.plus(DELETION_GRACE_PERIOD);
        this.updatedAt = now;
    }

    public void restore(Instant now) {
        if (deletedAt == null) {
            throw new ValidationException("slug", "workspace '" + slug + "' is not pending deletion");
        }
        if (!now.isBefore(purgeAfter)) {
            throw new ValidationException("slug", "the restore deadline of workspace '" + slug + "' has passed");
        }
        this.deletedAt = null;
        this.purgeAfter = null;
        this.updatedAt = now;
    }

    public boolean isPendingDeletion() {
        return deletedAt != null;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "must not be blank");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new ValidationException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    private static String limit(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
        return value;
    }

    public UUID id() { return id; }
    public String publicId() { return publicId; }
    public long number() { return number; }
    public Slug slug() { return slug; }
    public String name() { return name; }
    public String description() { return description; }
    public String icon() { return icon; }
    public String color() { return color; }
    public WorkspaceType type() { return type; }
    public boolean active() { return active; }
    public String billingEmail() { return billingEmail; }
    public String plan() { return plan; }
    public UUID ownerId() { return ownerId; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant deletedAt() { return deletedAt; }
    public Instant purgeAfter() { return purgeAfter; }
}
