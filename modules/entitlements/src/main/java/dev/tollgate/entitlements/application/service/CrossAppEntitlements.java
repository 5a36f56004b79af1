package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.domain.PartnerCodes;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.entitlements.application.port.in.CheckEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.application.port.out.UsageRecordStore;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.entitlements.api.events.FeatureLimitCrossed;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** php-tenant's checkEntitlement and recordUsage (ADR 0014). */
@Singleton
class CrossAppEntitlements implements CheckEntitlementsUseCase {
    /** Each recording's metadata travels in its event(s) and its record: kept small. */
    static final int MAX_METADATA_CHARS = 4096;
    private final ReentrantLock[] queues = java.util.stream.IntStream.range(0, 256).mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);
    private final PartnerAccess partners;
    private final PersonWorkspaces workspaces;
    private final CachedAllowances cached;
    private final ApplicationEventPublisher<UsageRecorded> recordings;
    private final WorkspaceAllowances allowances;
    private final EntitlementStore entitlements;
    private final UsageRecordStore records;
    private final UsageEvents events;
    private final CatalogApi catalog;
    private final MeteringApi metering;
    private final JsonSyntax json;
    private final Outbox outbox;
    private final Clock clock;

    CrossAppEntitlements(PartnerAccess partners, PersonWorkspaces workspaces, CachedAllowances cached, WorkspaceAllowances allowances,
                         EntitlementStore entitlements, UsageRecordStore records, UsageEvents events, CatalogApi catalog, MeteringApi metering,
                         JsonSyntax json, ApplicationEventPublisher<UsageRecorded> recordings, Outbox outbox, Clock clock) {
        this.partners = partners;
        this.outbox = outbox;
        this.workspaces = workspaces;
        this.cached = cached;
        this.recordings = recordings;
        this.allowances = allowances;
        this.entitlements = entitlements;
        this.records = records;
        this.events = events;
        this.catalog = catalog;
        this.metering = metering;
        this.json = json;
        this.clock = clock;
    }

    /** No transaction: answered from memory (CachedAllowances, PersonWorkspaces), loading in their own on a miss. */
    @Override
    public Checked check(Caller caller, String email, String featureKey, String quantity) {
        DocumentReader r = new DocumentReader();
        Map<String, Object> query = new java.util.HashMap<>();
        query.put("email", email);
        query.put("feature", featureKey);
        r.email(query, "", "email", true);
        r.text(query, "", "feature", true, 255);
        long amount = quantity(r, quantity);
        r.throwIfFailed();
        Workspace workspace = workspaceFor(caller, email, Capability.READ_ENTITLEMENTS);
        // The partner's code (social.accounts) names the catalog key social_accounts; the answer names the code asked for.
        FeatureAllowance allowance = cached.of(workspace, PartnerCodes.keyOf(featureKey));
        return new Checked(workspace, featureKey, allowance, allowance.allows(amount));
    }

    /**
     * Recordings of one feature for one person queue here, in this process, before they take a database connection:
     * the entitlement's row lock (which holds across nodes) then rarely has anyone waiting on it with a pooled
     * connection, so a burst on one feature cannot occupy the pool.
     */
    @Override
    public Recorded recordUsage(Caller caller, Map<String, Object> body) {
        String key = caller.organizationId() + "|" + body.get("email") + "|" + body.get("feature");
        ReentrantLock lock = queues[Math.floorMod(key.hashCode(), queues.length)];
        lock.lock();
        try {
            return record(caller, body);
        } finally {
            lock.unlock(); // after the commit: record's transaction ends when it returns
        }
    }

    @Transactional
    protected Recorded record(Caller caller, Map<String, Object> body) {
        DocumentReader r = new DocumentReader();
        String email = r.email(body, "", "email", true);
        String featureCode = r.text(body, "", "feature", true, 255);
        String featureKey = PartnerCodes.keyOf(featureCode); // social.accounts names social_accounts (ADR 0016)
        Integer quantity = body.get("quantity") == null ? Integer.valueOf(1)
                : r.whole(body, "", "quantity", 1, Integer.MAX_VALUE, "must be a whole number of at least 1");
        Map<String, Object> metadata = r.freeObject(body, "", "metadata", MAX_METADATA_CHARS, m -> json.write(m).length());
        r.throwIfFailed();
        Workspace workspace = workspaceFor(caller, email, Capability.RECORD_USAGE);
        CatalogApi.FeatureInfo feature = catalog.findFeature(TenancyApi.SYSTEM_NAMESPACE, featureKey).filter(f -> !f.archived())
                .orElseThrow(() -> new ValidationException("feature", "The selected feature is invalid."));
        MeteringApi.MeterInfo meter = Optional.ofNullable(feature.meterSlug()).flatMap(m -> metering.findMeter(TenancyApi.SYSTEM_NAMESPACE, m))
                .orElseThrow(() -> new ValidationException("feature", "Feature '" + featureKey + "' is not metered; usage is recorded only for"
                        + " features with a meter"));
        events.requireRecordable(meter, featureKey, quantity);
        CustomerResolver.Customer customer = allowances.customerOf(workspace);
        Entitlement entitlement = allowances.live(customer, featureKey).orElseThrow(() -> notEntitled(workspace, featureKey));
        // One recording of this feature at a time: the check below and the event stand or fall together.
        entitlements.lock(entitlement.id());
        Entitlement locked = allowances.live(customer, featureKey).filter(current -> current.id().equals(entitlement.id()))
                .orElseThrow(() -> notEntitled(workspace, featureKey));
        Instant now = clock.instant();
        FeatureAllowance allowance = allowances.of(workspace, customer, locked, now);
        if (!allowance.allows(quantity)) {
            throw limitReached(workspace, featureKey, quantity, allowance);
        }
        String metadataJson = metadata == null ? null : json.write(metadata);
        long id = records.insert(workspace.id(), featureKey, quantity, metadataJson, caller.organizationId(), now);
        // In this transaction: the record and its event commit together, and only then does the lock pass on.
        metering.ingestWithin(TenancyApi.SYSTEM_NAMESPACE, events.of(id, meter, feature.filters(), customer.key(), quantity,
                metadata == null ? Map.of() : metadata, now));
        recordings.publishEvent(new UsageRecorded(workspace.publicId(), featureKey));
        announceThresholds(workspace, featureCode, feature.name(), allowance, quantity, now);
        return new Recorded(id, featureCode, quantity);
    }

    /**
     * The thresholds this recording crossed (80% of the limit, then the limit), each announced by the one recording
     * that crossed it: once per usage period (ADR 0048).
     */
    private void announceThresholds(Workspace workspace, String featureCode, String featureName, FeatureAllowance before, long quantity,
                                    Instant now) {
        if (before.limit() == null || before.limit() <= 0) {
            return; // unlimited: nothing to warn about
        }
        long limit = before.limit();
        long usedBefore = before.used();
        long usedAfter = usedBefore + quantity;
        double percentage = Math.min(100.0, Math.round(usedAfter * 10000.0 / limit) / 100.0);
        List<FeatureLimitCrossed> crossed = new java.util.ArrayList<>();
        long warningAt = (limit * FeatureLimitCrossed.WARNING_PERCENT + 99) / 100; // the first whole unit at or past 80%
        if (usedBefore < warningAt && usedAfter >= warningAt) {
            crossed.add(new FeatureLimitCrossed(workspace.publicId(), featureCode, featureName, FeatureLimitCrossed.WARNING, limit, usedAfter,
                    percentage, now));
        }
        if (usedBefore < limit && usedAfter >= limit) {
            crossed.add(new FeatureLimitCrossed(workspace.publicId(), featureCode, featureName, FeatureLimitCrossed.REACHED, limit, usedAfter,
                    percentage, now));
        }
        if (!crossed.isEmpty()) {
            outbox.publishAll(workspace.publicId(), crossed);
        }
    }

    private static ValidationException notEntitled(Workspace workspace, String featureKey) {
        return new ValidationException("not_entitled", List.of(new FieldError(null,
                "Workspace " + workspace.number() + " has no entitlement to '" + featureKey + "'", "not_entitled")));
    }

    private static ValidationException limitReached(Workspace workspace, String featureKey, long quantity, FeatureAllowance allowance) {
        String why = allowance.inForce() ? "the limit is " + allowance.limit() + " and " + allowance.used() + " are used"
                : "the entitlement is not in force";
        return new ValidationException("limit_reached", List.of(new FieldError("quantity",
                "The quantity " + quantity + " of '" + featureKey + "' for workspace " + workspace.number() + " would pass its limit: " + why + ".",
                "limit_reached")));
    }

    /** Partners ask about anyone; other keys only about their own organization's members. Strangers are not found. */
    private Workspace workspaceFor(Caller caller, String email, Capability capability) {
        boolean partner = partners.requireApiKey(caller, capability);
        return workspaces.find(caller, partner, email).orElseThrow(() -> new NotFoundException("User or workspace not found."));
    }

    private static long quantity(DocumentReader r, String text) {
        if (text == null) {
            return 1;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        r.fail("quantity", "invalid_value", "must be a whole number of at least 1");
        return 1;
    }
}
