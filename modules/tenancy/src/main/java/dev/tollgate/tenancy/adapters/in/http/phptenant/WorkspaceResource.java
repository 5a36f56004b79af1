package dev.tollgate.tenancy.adapters.in.http.phptenant;

import dev.tollgate.tenancy.domain.Organization;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** php-tenant's WorkspaceResource. Bio pages belong to the product php-tenant came from; Tollgate has none. */
@Serdeable
record WorkspaceResource(long id, String name, String slug, @Nullable String icon, @Nullable String color,
                         @Nullable String description, String type, boolean is_active, long users_count, long bio_pages_count) {
    static WorkspaceResource of(Organization o, long usersCount) {
        return new WorkspaceResource(o.number(), o.name(), o.slug().value(), o.icon(), o.color(), o.description(),
                o.type().wireName(), o.active(), usersCount, 0);
    }
}
