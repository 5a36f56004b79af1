package dev.tollgate.archfixtures.catalog.api.events;

/** Violates 8: an event that is not a record. */
public final class PlanRetired {
    public String planId;
}
