package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A member's role in an organization, strongest first. PlanetScale knows admin, member and database_admin;
 * php-tenant adds the owner, of which an organization has exactly one.
 */
public enum Role {
    OWNER, ADMIN, DATABASE_ADMIN, MEMBER;

    public boolean atLeast(Role required) {
        return ordinal() <= required.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String field, String text) {
        return Arrays.stream(values())
                .filter(r -> r.wireName().equals(text))
                .findFirst()
                .orElseThrow(() -> new ValidationException(field, "must be one of admin, member, database_admin"));
    }
}
