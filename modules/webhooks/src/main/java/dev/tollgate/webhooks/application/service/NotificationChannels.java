package dev.tollgate.webhooks.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.webhooks.application.port.in.ManageNotificationChannelsUseCase;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.application.port.out.EndpointStore.Search;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.Endpoint;
import dev.tollgate.webhooks.domain.SigningSecret;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * OpenMeter's notification channels (ADR 0049): endpoints of audience OPENMETER in the caller's namespace, subscribed to
 * nothing themselves (rules route events to them). Soft-deleted; a full-replace PUT.
 */
@Singleton
class NotificationChannels implements ManageNotificationChannelsUseCase {
    /** Svix's schedule to its end, as OpenMeter delivers through Svix. */
    static final int MAX_ATTEMPTS = 7;
    static final Pattern SIGNING_SECRET = Pattern.compile("^(whsec_)?[a-zA-Z0-9+/=]{32,100}$");
    static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$");
    /** Headers the delivery sets itself (signature, body) or the connection owns: a channel may not replace them. */
    static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "content-encoding", "transfer-encoding", "host",
            "connection", "user-agent", "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization", "proxy-connection");
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 1024;
    private final EndpointStore endpoints;
    private final WebhookTargets targets;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final AuditTrail audit;

    NotificationChannels(EndpointStore endpoints, WebhookTargets targets, TenancyApi tenancy, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.endpoints = endpoints;
        this.targets = targets;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Endpoint> list(Caller caller, ListQuery query, PageRequest page) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.READ_ENTITLEMENTS).id();
        return endpoints.search(namespace, Audience.OPENMETER,
                new Search(query.includeDeleted(), query.includeDisabled(), null, query.orderBy(), query.descending()), page);
    }

    @Override
    @Transactional
    public Endpoint create(Caller caller, ChannelCommand c) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_ENTITLEMENTS).id();
        Valid v = validate(c);
        Instant now = clock.instant();
        SigningSecret secret = c.signingSecret() == null ? SigningSecret.generate() : new SigningSecret(c.signingSecret());
        Endpoint created = endpoints.create(new Endpoint(0, null, namespace, Audience.OPENMETER, null, v.name, v.url, List.of(), !v.disabled,
                null, MAX_ATTEMPTS, 0, null, null, metadata(c.metadata()), v.headers, secret, null, null, now, now));
        audit.record(caller, namespace, AuditTrail.Change.created("notification_channel", Ulid.of(created.uuid()), "Notification channel '"
                + created.name() + "' created", AuditSnapshots.of(created)));
        return created;
    }

    @Override
    @Transactional(readOnly = true)
    public Endpoint get(Caller caller, String channelId) {
        return find(tenancy.requireNamespace(caller, Capability.READ_ENTITLEMENTS).id(), channelId);
    }

    @Override
    @Transactional
    public Endpoint update(Caller caller, String channelId, ChannelCommand c) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_ENTITLEMENTS).id();
        Endpoint e = live(namespace, channelId);
        Valid v = validate(c);
        // The secret is replaced only when one is given: a PUT that leaves it out keeps receivers' verification working.
        SigningSecret secret = c.signingSecret() == null ? e.secret() : new SigningSecret(c.signingSecret());
        Instant now = clock.instant();
        Endpoint updated = endpoints.update(e.described(v.name, v.url, e.events(), metadata(c.metadata()), v.headers, e.maxAttempts(), now)
                .switched(!v.disabled, now).withSecret(secret, now));
        boolean secretReplaced = c.signingSecret() != null && !c.signingSecret().equals(e.secret().value());
        Map<String, Object> before = AuditSnapshots.of(e);
        Map<String, Object> after = AuditSnapshots.of(updated);
        if (secretReplaced || !before.equals(after) || !e.url().equals(updated.url()) || !e.customHeaders().equals(updated.customHeaders())) {
            audit.record(caller, namespace, AuditTrail.Change.updated("notification_channel", Ulid.of(e.uuid()), "Notification channel '"
                    + updated.name() + "' updated" + (secretReplaced ? " (signing secret replaced)" : ""), before, after));
        }
        return updated;
    }

    @Override
    @Transactional
    public void delete(Caller caller, String channelId) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_ENTITLEMENTS).id();
        Endpoint e = live(namespace, channelId);
        endpoints.softDelete(e.id(), clock.instant());
        audit.record(caller, namespace, AuditTrail.Change.deleted("notification_channel", Ulid.of(e.uuid()), "Notification channel '" + e.name()
                + "' deleted", AuditSnapshots.of(e)));
    }

    /** A live (not deleted) channel of the namespace: what rules may name, and what PUT and DELETE act on. */
    Endpoint live(UUID namespace, String channelId) {
        Endpoint e = find(namespace, channelId);
        if (e.deletedAt() != null) {
            throw notFound(channelId);
        }
        return e;
    }

    Endpoint find(UUID namespace, String channelId) {
        UUID uuid = Ulid.parse(channelId).orElseThrow(() -> notFound(channelId));
        return endpoints.find(namespace, Audience.OPENMETER, uuid).orElseThrow(() -> notFound(channelId));
    }

    private static NotFoundException notFound(String channelId) {
        return NotFoundException.of("Notification channel", channelId);
    }

    private record Valid(String name, String url, boolean disabled, Map<String, String> headers) {
    }

    private Valid validate(ChannelCommand c) {
        if (!"WEBHOOK".equals(c.type())) {
            throw new ValidationException("type", "must be WEBHOOK");
        }
        if (c.name() == null || c.name().isEmpty() || c.name().length() > 256) {
            throw new ValidationException("name", "must be between 1 and 256 characters");
        }
        if (c.url() == null || c.url().isBlank()) {
            throw new ValidationException("url", "is required");
        }
        if (c.signingSecret() != null && !SIGNING_SECRET.matcher(c.signingSecret()).matches()) {
            throw new ValidationException("signingSecret", "must match ^(whsec_)?[a-zA-Z0-9+/=]{32,100}$");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (c.customHeaders() != null) {
            if (c.customHeaders().size() > MAX_HEADERS) {
                throw new ValidationException("customHeaders", "may hold at most " + MAX_HEADERS + " headers");
            }
            for (Map.Entry<String, String> h : c.customHeaders().entrySet()) {
                String name = h.getKey();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HEADER_NAME.matcher(name).matches()) {
                    throw new ValidationException("customHeaders", "'" + name + "' is not a valid header name");
                }
                if (RESERVED_HEADERS.contains(lower) || lower.startsWith("webhook-") || lower.startsWith("svix-")) {
                    throw new ValidationException("customHeaders", "'" + name + "' is set by the delivery itself and may not be replaced");
                }
                String value = h.getValue();
                if (value == null || value.length() > MAX_HEADER_VALUE || value.chars().anyMatch(ch -> ch < 0x20 && ch != '\t' || ch == 0x7f)) {
                    throw new ValidationException("customHeaders", "the value of '" + name + "' must be printable and at most "
                            + MAX_HEADER_VALUE + " characters");
                }
                headers.put(name, value);
            }
        }
        String url = targets.require(c.url());
        return new Valid(c.name(), url, Boolean.TRUE.equals(c.disabled()), headers);
    }

    private static Map<String, Object> metadata(Map<String, String> metadata) {
        return metadata == null ? null : new LinkedHashMap<>(metadata);
    }
}
