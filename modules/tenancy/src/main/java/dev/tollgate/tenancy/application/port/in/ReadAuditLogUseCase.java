package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.AuditEntry;
import dev.tollgate.tenancy.domain.AuditFilter;
import java.util.List;

/** Reading a workspace's audit log: a page at a time, newest first, for people and for the CSV export. */
public interface ReadAuditLogUseCase {
    /** The most entries one call may ask for (an export reads its whole selection this many at a time). */
    int MAX_PAGE = 1000;

    /**
     * Up to {@code limit} entries of the workspace {@code slug} matching {@code filter}, after {@code cursor} (an entry
     * id from a previous page; null for the newest). Centrali's rule for strangers: forbidden, not hidden.
     */
    AuditPage page(Caller caller, String slug, AuditFilter filter, String cursor, int limit);

    /** {@code nextCursor}: the id of the last entry when more follow, else null. */
    record AuditPage(List<AuditEntry> entries, String nextCursor, boolean hasMore) {
    }
}
