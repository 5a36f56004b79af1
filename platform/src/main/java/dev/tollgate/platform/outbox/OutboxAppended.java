package dev.tollgate.platform.outbox;

import java.util.UUID;

/** In memory only: an event was appended in the current transaction, so the relay runs as soon as it commits. */
record OutboxAppended(UUID eventId, Class<?> type) {
}
