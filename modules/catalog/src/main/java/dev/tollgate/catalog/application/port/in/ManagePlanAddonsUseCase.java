package dev.tollgate.catalog.application.port.in;

import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.OfferedAddon;
import dev.tollgate.catalog.domain.Reviewed;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** The add-ons a plan version offers. */
public interface ManagePlanAddonsUseCase {
    Page<Reviewed<OfferedAddon>> list(Caller caller, String planIdOrKey, CatalogFilter addonFilter, PageRequest page);

    Reviewed<OfferedAddon> create(Caller caller, String planId, Map<String, Object> document);

    /** An offer is named by its add-on: the add-on version's ULID, or the add-on's key. */
    Reviewed<OfferedAddon> get(Caller caller, String planIdOrKey, String addonIdOrKey);

    Reviewed<OfferedAddon> update(Caller caller, String planId, String planAddonId, Map<String, Object> document);

    void delete(Caller caller, String planId, String planAddonId);
}
