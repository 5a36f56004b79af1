package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A person who signs in with email and password; the password is only ever held as a KDF hash. */
public record User(UUID id, String publicId, String email, String name, String passwordHash,
                   UUID currentOrganizationId, Instant createdAt) {
    public static final int MIN_PASSWORD_LENGTH = 10;

    public static User register(String email, String name, String passwordHash, Instant now) {
        UUID id = TypeId.newUuid();
        return new User(id, TypeId.format("usr", id), normalizeEmail(email), requireName(name, email), passwordHash, null, now);
    }

    public User withCurrentOrganization(UUID organizationId) {
        return new User(id, publicId, email, name, passwordHash, organizationId, createdAt);
    }

    public static String normalizeEmail(String email) {
        if (!dev.tollgate.platform.domain.EmailAddress.isValid(email)) {
            throw new ValidationException("email", "must be a valid email address");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Checked before hashing, so a weak password never reaches the KDF or the database. */
    public static void checkPasswordStrength(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new ValidationException("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 256) {
            throw new ValidationException("password", "must be at most 256 characters");
        }
    }

    private static String requireName(String name, String email) {
        String chosen = name == null || name.isBlank() ? email.substring(0, email.indexOf('@')) : name.strip();
        if (chosen.length() > 255) {
            throw new ValidationException("name", "must be at most 255 characters");
        }
        return chosen;
    }
}
