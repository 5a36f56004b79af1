package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The unique, URL-safe name of an organization: PlanetScale's {@code name}, Centrali's and php-tenant's
 * {@code slug}. Slugs that would shadow a fixed route next to {@code /{slug}} are refused.
 */
public record Slug(String value) {
    public static final int MAX_LENGTH = 100;
    private static final Pattern FORMAT = Pattern.compile("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$");
    private static final Set<String> RESERVED = Set.of(
            "version", "metrics", "openapi.json", "openapi", "webhooks", "current", "health", "api", "admin",
            "new", "settings", "internal", "organizations", "workspaces");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    public Slug {
        if (value == null || value.isBlank()) {
            throw new ValidationException("slug", "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new ValidationException("slug", "must be at most " + MAX_LENGTH + " characters");
        }
        if (!FORMAT.matcher(value).matches()) {
            throw new ValidationException("slug",
                    "must be lowercase letters, digits and single hyphens, starting and ending with a letter or digit");
        }
        if (RESERVED.contains(value)) {
            throw new ValidationException("slug", "'" + value + "' is reserved");
        }
    }

    /** A slug derived from a display name plus a short random suffix, e.g. {@code acme-corp-a1b2c3}. */
    public static Slug fromName(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "workspace";
        }
        base = base.substring(0, Math.min(base.length(), MAX_LENGTH - 7)).replaceAll("-+$", "");
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET[RANDOM.nextInt(SUFFIX_ALPHABET.length)]);
        }
        return new Slug(base + "-" + suffix);
    }

    @Override
    public String toString() {
        return value;
    }
}
