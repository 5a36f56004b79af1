package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.EventView;
import dev.tollgate.metering.adapters.in.http.openmeter.OpenMeterViews.IngestedEventView;
import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.metering.domain.IngestedEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/** Stored events back in CloudEvents form, their data as the JSON object it was. */
@Singleton
final class EventViews {
    private final JsonMapper json;

    EventViews(JsonMapper json) {
        this.json = json;
    }

    IngestedEventView view(IngestedEvent stored) {
        CloudEvent e = stored.event();
        JsonNode data;
        try {
            data = e.data() == null ? null : json.readValue(e.data(), JsonNode.class);
        } catch (IOException unreadable) {
            data = JsonNode.createObjectNode(Map.of());
        }
        return new IngestedEventView(new EventView(e.id(), e.source(), e.specversion(), e.type(), e.subject(), e.time(), data),
                stored.customerId(), stored.ingestedAt(), stored.storedAt(), stored.validationError());
    }
}
