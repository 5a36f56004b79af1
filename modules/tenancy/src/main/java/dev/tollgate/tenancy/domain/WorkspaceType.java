package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.util.Arrays;
import java.util.Locale;

/** php-tenant's workspace kind; fixed at creation. */
public enum WorkspaceType {
    PERSONAL, TEAM, AGENCY, CUSTOM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkspaceType parse(String field, String text) {
        return Arrays.stream(values())
                .filter(t -> t.wireName().equals(text))
                .findFirst()
                .orElseThrow(() -> new ValidationException(field, "must be one of personal, team, agency, custom"));
    }
}
