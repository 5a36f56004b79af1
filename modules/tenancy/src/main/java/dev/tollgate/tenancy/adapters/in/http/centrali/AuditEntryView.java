package dev.tollgate.tenancy.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.tenancy.domain.AuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * An audit entry as Centrali shows it (camelCase, like the overview's {@code recentActivity} items, plus who acted
 * from where and the fields before and after). Every key is written, null when it has no value.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record AuditEntryView(String id, String type, String resourceType, String resourceId, String actorType, String actorId, String summary,
                      @Nullable Map<String, Object> before, @Nullable Map<String, Object> after, @Nullable String sourceAddress,
                      String at) {
    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.publicId(), e.type(), e.resourceType(), e.resourceId(), e.actorType(), e.actorId(), e.summary(),
                e.before(), e.after(), e.sourceAddress(), e.at().toString());
    }

    /** A page of entries; {@code nextCursor} is null on the last page. */
    @Serdeable
    record Page(List<AuditEntryView> entries, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor, boolean hasMore) {
    }
}
