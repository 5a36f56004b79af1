package dev.tollgate.webhooks.application.service;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.tenancy.api.TenancyApi.OrganizationSummary;
import dev.tollgate.webhooks.api.spi.PlanetScaleDatabases;
import dev.tollgate.webhooks.application.port.in.ManageDatabaseWebhooksUseCase;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.Endpoint;
import dev.tollgate.webhooks.domain.SigningSecret;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * PlanetScale's database webhooks (ADR 0048): endpoints of audience PLANETSCALE scoped to the project the database
 * names. Reading needs the organization's projects, creating the right to manage them. The secret is never shown.
 */
@Singleton
class DatabaseWebhooks implements ManageDatabaseWebhooksUseCase {
    /** PlanetScale documents no retry policy: Svix's schedule to its end. */
    static final int MAX_ATTEMPTS = 7;
    static final int MAX_EVENTS = 50;
    static final int MAX_EVENT_LENGTH = 100;
    private final EndpointStore endpoints;
    private final WebhookTargets targets;
    private final PlanetScaleDatabases databases;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final AuditTrail audit;

    DatabaseWebhooks(EndpointStore endpoints, WebhookTargets targets, PlanetScaleDatabases databases, TenancyApi tenancy, Clock clock,
                     AuditTrail audit) {
        this.audit = audit;
        this.endpoints = endpoints;
        this.targets = targets;
        this.databases = databases;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Endpoint> list(Caller caller, String organization, String database) {
        OrganizationSummary org = tenancy.requireOrganization(caller, organization, Capability.READ_PROJECTS);
        String scope = scope(org, database);
        return endpoints.list(org.id(), Audience.PLANETSCALE, scope, new PageRequest(0, MAX_PER_DATABASE * 2)).items();
    }

    @Override
    @Transactional
    public Endpoint create(Caller caller, String organization, String database, CreateCommand c) {
        OrganizationSummary org = tenancy.requireOrganization(caller, organization, Capability.MANAGE_PROJECTS);
        String scope = scope(org, database);
        if (c.url() == null || c.url().isBlank()) {
            throw new ValidationException("url", "url is required");
        }
        String url = targets.require(c.url());
        List<String> events = events(c.events());
        SigningSecret secret = SigningSecret.generate();
        if (c.secret() != null) {
            if (c.secret().length() < 32 || c.secret().length() > 255) {
                throw new ValidationException("secret", "secret must be between 32 and 255 characters");
            }
            secret = new SigningSecret(c.secret());
        }
        endpoints.lockScope(org.id(), Audience.PLANETSCALE, scope);
        if (endpoints.count(org.id(), Audience.PLANETSCALE, scope) >= MAX_PER_DATABASE) {
            throw new ValidationException("webhook_limit_reached", List.of(new FieldError(null,
                    "Each database can have up to " + MAX_PER_DATABASE + " webhooks")));
        }
        Instant now = clock.instant();
        Endpoint created = endpoints.create(new Endpoint(0, null, org.id(), Audience.PLANETSCALE, scope, null, url, events, true, null,
                MAX_ATTEMPTS, 0, null, null, null, Map.of(), secret, null, null, now, now));
        audit.record(caller, org.id(), AuditTrail.Change.created("webhook_endpoint", TypeId.format("whk", created.uuid()), "Webhook to "
                + AuditSnapshots.host(url) + " created for database '" + database + "'", AuditSnapshots.of(created)));
        return created;
    }

    private String scope(OrganizationSummary org, String database) {
        return databases.find(org.id(), database).orElseThrow(() -> new NotFoundException("Database not found"));
    }

    private static List<String> events(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw new ValidationException("events", "events must name at least one event type");
        }
        if (given.size() > MAX_EVENTS) {
            throw new ValidationException("events", "events may name at most " + MAX_EVENTS + " event types");
        }
        for (String event : given) {
            if (event == null || event.isBlank() || event.length() > MAX_EVENT_LENGTH) {
                throw new ValidationException("events", "each event type must be a non-empty string of at most " + MAX_EVENT_LENGTH + " characters");
            }
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }
}
