package dev.tollgate.catalog.application.port.out;

import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.PlanAddon;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The add-ons offered with each plan version. */
public interface PlanAddonStore {
    /** Inserts or replaces; offering one add-on twice with a plan is a conflict. */
    void save(PlanAddon offer);

    /** The live offer of {@code addonId} with {@code planId}. */
    Optional<PlanAddon> findByAddon(UUID namespace, UUID planId, UUID addonId);

    /** The live offers of a plan version, for the checks made when it is published. */
    List<PlanAddon> ofPlan(UUID namespace, UUID planId);

    /** Offers of a plan filtered and ordered by their add-ons' fields. */
    Page<PlanAddon> list(UUID namespace, UUID planId, CatalogFilter addonFilter, PageRequest page, Instant now);
}
