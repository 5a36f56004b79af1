package dev.tollgate.webhooks.application.service;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AccountsApi;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.webhooks.application.port.in.DeliverWebhooksUseCase;
import dev.tollgate.webhooks.application.port.in.ManageEntitlementWebhooksUseCase;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.NewDelivery;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.DeliveryStatus;
import dev.tollgate.webhooks.domain.Endpoint;
import dev.tollgate.webhooks.domain.EntitlementEventTypes;
import dev.tollgate.webhooks.domain.SigningSecret;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** php-tenant's entitlement webhooks (ADR 0048). Reads need the workspace; changes need the right to manage it. */
@Singleton
class EntitlementWebhooks implements ManageEntitlementWebhooksUseCase {
    /** php-tenant's default attempts per delivery (the document's example). */
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** How long a regenerated secret's predecessor keeps signing, so receivers can switch without dropping a message. */
    static final Duration SECRET_OVERLAP = Duration.ofHours(24);
    private final EndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final DeliverWebhooksUseCase worker;
    private final WebhookTargets targets;
    private final AccountsApi accounts;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final AuditTrail audit;

    EntitlementWebhooks(EndpointStore endpoints, DeliveryStore deliveries, DeliverWebhooksUseCase worker, WebhookTargets targets,
                        AccountsApi accounts, TenancyApi tenancy, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.worker = worker;
        this.targets = targets;
        this.accounts = accounts;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    public Map<String, String> eventTypes() {
        return EntitlementEventTypes.DESCRIPTIONS;
    }

    @Override
    public Page<WebhookView> list(Caller caller, Long workspaceNumber, PageRequest page) {
        AccountsApi.Workspace workspace = workspace(caller, workspaceNumber, Capability.READ_ORGANIZATION);
        return endpoints.list(workspace.id(), Audience.PHP_TENANT, null, page).map(e -> view(e, workspace.number()));
    }

    @Override
    @Transactional
    public Created create(Caller caller, Long workspaceNumber, CreateCommand command) {
        AccountsApi.Workspace workspace = workspace(caller, workspaceNumber, Capability.MANAGE_ORGANIZATION);
        String name = required("name", command.name());
        requireMax("name", name, 255);
        String url = targets.require(required("url", command.url()));
        List<String> events = EntitlementEventTypes.require(command.events());
        SigningSecret secret = command.secret() == null ? SigningSecret.generate() : customSecret(command.secret());
        Instant now = clock.instant();
        Endpoint created = endpoints.create(new Endpoint(0, null, workspace.id(), Audience.PHP_TENANT, null, name, url, events, true, null,
                DEFAULT_MAX_ATTEMPTS, 0, null, null, command.metadata(), Map.of(), secret, null, null, now, now));
        audit.record(caller, workspace.id(), AuditTrail.Change.created("webhook_endpoint", String.valueOf(created.id()), "Webhook '" + name
                + "' created", AuditSnapshots.of(created)));
        return new Created(new WebhookView(created, workspace.number(), 0), secret.value());
    }

    @Override
    public WebhookView get(Caller caller, long webhookId) {
        return view(owned(caller, webhookId, Capability.READ_ORGANIZATION));
    }

    @Override
    @Transactional
    public WebhookView update(Caller caller, long webhookId, UpdateCommand c) {
        Endpoint e = owned(caller, webhookId, Capability.MANAGE_ORGANIZATION);
        String name = e.name();
        if (c.name() != null) {
            name = c.name();
            requireMax("name", name, 255);
        }
        String url = c.url() == null ? e.url() : targets.require(c.url());
        List<String> events = c.events() == null ? e.events() : EntitlementEventTypes.require(c.events());
        int maxAttempts = e.maxAttempts();
        if (c.maxAttempts() != null) {
            if (c.maxAttempts() < 1 || c.maxAttempts() > 10) {
                throw new ValidationException("max_attempts", "The max attempts field must be between 1 and 10.");
            }
            maxAttempts = c.maxAttempts();
        }
        boolean active = c.active() == null ? e.active() : c.active();
        Instant now = clock.instant();
        // Switching an endpoint back on by hand also clears what switched it off (the breaker, a 410).
        Endpoint changed = e.described(name, url, events, c.metadataGiven() ? c.metadata() : e.metadata(), e.customHeaders(), maxAttempts, now)
                .switched(active, now);
        Endpoint updated = endpoints.update(changed);
        Map<String, Object> before = AuditSnapshots.of(e);
        Map<String, Object> after = AuditSnapshots.of(updated);
        if (!before.equals(after) || !e.url().equals(updated.url())) {
            audit.record(caller, e.organizationId(), AuditTrail.Change.updated("webhook_endpoint", String.valueOf(e.id()), "Webhook '"
                    + updated.name() + "' updated", before, after));
        }
        return view(updated);
    }

    @Override
    @Transactional
    public void delete(Caller caller, long webhookId) {
        Endpoint e = owned(caller, webhookId, Capability.MANAGE_ORGANIZATION);
        endpoints.delete(e.id());
        audit.record(caller, e.organizationId(), AuditTrail.Change.deleted("webhook_endpoint", String.valueOf(e.id()), "Webhook '" + e.name()
                + "' deleted", AuditSnapshots.of(e)));
    }

    @Override
    public Delivery test(Caller caller, long webhookId) {
        Endpoint endpoint = owned(caller, webhookId, Capability.MANAGE_ORGANIZATION);
        targets.require(endpoint.url()); // re-validated before the request: the name may resolve elsewhere now
        UUID id = UUID.randomUUID();
        long workspace = accounts.workspace(endpoint.organizationId()).map(AccountsApi.Workspace::number).orElse(0L);
        Delivery queued = deliveries.enqueueOne(new NewDelivery(endpoint.id(), id.toString(), null, EntitlementEventTypes.TEST,
                EntitlementEventTypes.test(id, workspace, clock.instant()), null));
        return worker.deliverNow(queued);
    }

    @Override
    @Transactional
    public String regenerateSecret(Caller caller, long webhookId) {
        Endpoint e = owned(caller, webhookId, Capability.MANAGE_ORGANIZATION);
        SigningSecret fresh = SigningSecret.generate();
        Instant now = clock.instant();
        endpoints.update(e.rotated(fresh, now.plus(SECRET_OVERLAP), now));
        audit.record(caller, e.organizationId(), AuditTrail.Change.of("webhook_endpoint", String.valueOf(e.id()), "secret_rotated",
                "Signing secret of webhook '" + e.name() + "' regenerated (the previous one signs for " + SECRET_OVERLAP.toHours() + " more hours)"));
        return fresh.value();
    }

    @Override
    @Transactional
    public WebhookView resetCircuitBreaker(Caller caller, long webhookId) {
        Endpoint e = owned(caller, webhookId, Capability.MANAGE_ORGANIZATION);
        Endpoint reactivated = endpoints.reactivate(e.id());
        if (!e.active() || e.failureCount() > 0) {
            audit.record(caller, e.organizationId(), new AuditTrail.Change("webhook_endpoint", String.valueOf(e.id()), "webhook_endpoint.reactivated",
                    "Circuit breaker of webhook '" + e.name() + "' reset", AuditTrail.fields("active", e.active(), "failure_count", e.failureCount(),
                    "disabled_reason", e.disabledReason()), AuditTrail.fields("active", reactivated.active(), "failure_count", reactivated.failureCount())));
        }
        return view(reactivated);
    }

    @Override
    public Page<Delivery> deliveries(Caller caller, long webhookId, PageRequest page) {
        return deliveries.ofEndpoint(owned(caller, webhookId, Capability.READ_ORGANIZATION).id(), page);
    }

    @Override
    public Delivery retry(Caller caller, long deliveryId) {
        Delivery delivery = deliveries.find(deliveryId).orElseThrow(() -> new NotFoundException("Not found"));
        Endpoint endpoint = owned(caller, delivery.endpointId(), Capability.MANAGE_ORGANIZATION);
        if (delivery.status() == DeliveryStatus.SUCCESS) {
            throw new ValidationException("delivery_succeeded", List.of(new FieldError(null, "Cannot retry a successful delivery")));
        }
        targets.require(endpoint.url());
        return worker.deliverNow(deliveries.resend(delivery.id(), clock.instant()));
    }

    private AccountsApi.Workspace workspace(Caller caller, Long number, Capability capability) {
        AccountsApi.Workspace workspace;
        if (number != null) {
            workspace = accounts.requireWorkspace(caller, number);
        } else if (caller.isUser()) {
            workspace = accounts.currentWorkspace(caller);
        } else {
            workspace = accounts.workspace(caller.organizationId()).orElseThrow(() -> new NotFoundException("Not found"));
        }
        tenancy.requireOrganizationAccess(caller, workspace.id(), capability);
        return workspace;
    }

    private Endpoint owned(Caller caller, long webhookId, Capability capability) {
        Endpoint endpoint = endpoints.find(Audience.PHP_TENANT, webhookId).orElseThrow(() -> new NotFoundException("Not found"));
        tenancy.requireOrganizationAccess(caller, endpoint.organizationId(), capability);
        return endpoint;
    }

    private WebhookView view(Endpoint e) {
        return view(e, accounts.workspace(e.organizationId()).map(AccountsApi.Workspace::number).orElse(0L));
    }

    private WebhookView view(Endpoint e, long workspaceNumber) {
        return new WebhookView(e, workspaceNumber, deliveries.ofEndpoint(e.id(), new PageRequest(0, 1)).total());
    }

    private static SigningSecret customSecret(String secret) {
        if (secret.length() < 32) {
            throw new ValidationException("secret", "The secret field must be at least 32 characters.");
        }
        return new SigningSecret(secret);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "The " + field + " field is required.");
        }
        return value;
    }

    private static void requireMax(String field, String value, int max) {
        if (value.length() > max) {
            throw new ValidationException(field, "The " + field + " field must not be greater than " + max + " characters.");
        }
    }
}
