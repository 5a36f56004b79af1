package dev.tollgate.metering.application.service;

import dev.tollgate.metering.application.port.out.EventStore.EventPosition;
import dev.tollgate.metering.domain.IngestedEvent;
import dev.tollgate.platform.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The opaque cursor of listEventsV2: the last event's time, id and source, base64url-encoded. */
final class EventCursor {
    private EventCursor() {
    }

    static String encode(IngestedEvent last) {
        String raw = last.event().time().toString() + "\n" + last.event().id() + "\n" + last.event().source();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static EventPosition decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            return new EventPosition(Instant.parse(parts[0]), parts[1], parts[2]);
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "is not a cursor this API returned");
        }
    }
}
