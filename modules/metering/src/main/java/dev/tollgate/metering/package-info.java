/**
 * Usage metering: event ingestion (CloudEvents, deduplication), meters, meter queries, subjects.
 *
 * <p>Other modules may use only {@code dev.tollgate.metering.api} (and {@code api.events}); see docs/architecture.md.
 */
package dev.tollgate.metering;
