package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A named group of members inside one organization, addressed by a slug derived from its name. */
public record Team(UUID id, String publicId, UUID organizationId, String slug, String name, String description,
                   Instant createdAt, Instant updatedAt) {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    public static Team create(UUID organizationId, String name, String description, Instant now) {
        String checked = checkName(name);
        UUID id = TypeId.newUuid();
        return new Team(id, TypeId.format("team", id), organizationId, slugOf(checked), checked,
                checkDescription(description), now, now);
    }

    /** Renaming keeps the slug stable, so links and scripts that use it keep working. */
    public Team update(String newName, String newDescription, Instant now) {
        return new Team(id, publicId, organizationId, slug,
                newName == null ? name : checkName(newName),
                newDescription == null ? description : checkDescription(newDescription), createdAt, now);
    }

    static String slugOf(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            throw new ValidationException("name", "must contain at least one letter or digit");
        }
        return slug;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "must not be blank");
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            throw new ValidationException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return name.strip();
    }

    private static String checkDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new ValidationException("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }
}
