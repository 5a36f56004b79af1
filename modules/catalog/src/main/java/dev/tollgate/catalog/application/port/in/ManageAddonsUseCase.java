package dev.tollgate.catalog.application.port.in;

import dev.tollgate.catalog.domain.Addon;
import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.Reviewed;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** OpenMeter's add-ons in the caller's namespace; versioned like plans. */
public interface ManageAddonsUseCase {
    Reviewed<Addon> create(Caller caller, Map<String, Object> document);

    Page<Reviewed<Addon>> list(Caller caller, CatalogFilter filter, PageRequest page);

    Reviewed<Addon> get(Caller caller, String addonIdOrKey, boolean includeLatest);

    Reviewed<Addon> update(Caller caller, String addonId, Map<String, Object> document);

    void delete(Caller caller, String addonId);

    Reviewed<Addon> publish(Caller caller, String addonId);

    Reviewed<Addon> archive(Caller caller, String addonId);
}
