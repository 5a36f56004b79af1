/**
 * Product catalog: features, plans (versions, phases, rate cards, prices), add-ons, plan limits, regions, cluster sizes, currencies.
 *
 * <p>Other modules may use only {@code dev.tollgate.catalog.api} (and {@code api.events}); see docs/architecture.md.
 */
package dev.tollgate.catalog;
