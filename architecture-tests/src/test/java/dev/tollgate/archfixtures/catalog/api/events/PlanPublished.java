package dev.tollgate.archfixtures.catalog.api.events;

/** Allowed: an event record. */
public record PlanPublished(String planId) {
}
