package dev.tollgate.webhooks.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.domain.Endpoint;
import java.util.Map;

/** OpenMeter's notification channels: webhook endpoints of the caller's namespace (ADR 0049). */
public interface ManageNotificationChannelsUseCase {
    /** The create and the full-replace update: every field as given, absent ones at their defaults. */
    record ChannelCommand(String type, String name, String url, Boolean disabled, Map<String, String> metadata,
                          Map<String, String> customHeaders, String signingSecret) {
    }

    record ListQuery(boolean includeDeleted, boolean includeDisabled, String orderBy, boolean descending) {
    }

    Page<Endpoint> list(Caller caller, ListQuery query, PageRequest page);

    Endpoint create(Caller caller, ChannelCommand command);

    /** A channel of the namespace, deleted or not. */
    Endpoint get(Caller caller, String channelId);

    /** Replaces every field; a deleted channel is not found. */
    Endpoint update(Caller caller, String channelId, ChannelCommand command);

    /** Soft-deletes; a deleted channel is not found. */
    void delete(Caller caller, String channelId);
}
