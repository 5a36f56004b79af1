package dev.tollgate.catalog.domain;

/** An add-on offered with a plan, together with the add-on version it offers. */
public record OfferedAddon(PlanAddon offer, Addon addon) {
}
