package dev.tollgate.catalog.application.port.in;

import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.Plan;
import dev.tollgate.catalog.domain.Reviewed;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** OpenMeter's plans in the caller's namespace; request bodies arrive as JSON documents and are checked in the domain. */
public interface ManagePlansUseCase {
    /** A new draft: version 1 of a new key, or the next version of an existing one that has no draft. */
    Reviewed<Plan> create(Caller caller, Map<String, Object> document);

    Page<Reviewed<Plan>> list(Caller caller, CatalogFilter filter, PageRequest page);

    /** By ULID; by key, the active version, or with {@code includeLatest} the newest one. */
    Reviewed<Plan> get(Caller caller, String planIdOrKey, boolean includeLatest);

    Reviewed<Plan> update(Caller caller, String planId, Map<String, Object> document);

    void delete(Caller caller, String planId);

    Reviewed<Plan> publish(Caller caller, String planId);

    Reviewed<Plan> archive(Caller caller, String planId);

    /** A new draft copied from the latest published version. */
    Reviewed<Plan> next(Caller caller, String planIdOrKey);
}
