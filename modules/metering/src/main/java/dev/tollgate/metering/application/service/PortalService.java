package dev.tollgate.metering.application.service;

import dev.tollgate.metering.application.port.in.PortalUseCase;
import dev.tollgate.metering.application.port.out.MeterStore;
import dev.tollgate.metering.application.port.out.PortalSettings;
import dev.tollgate.metering.application.port.out.PortalTokenStore;
import dev.tollgate.metering.application.port.out.UsageQueries;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.metering.domain.PortalToken;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Singleton
class PortalService implements PortalUseCase {
    private final PortalTokenStore tokens;
    private final MeterStore meters;
    private final UsageQueries usage;
    private final Namespaces namespaces;
    private final Clock clock;
    private final Duration ttl;
    private final AuditTrail audit;

    PortalService(PortalTokenStore tokens, MeterStore meters, UsageQueries usage, Namespaces namespaces, Clock clock,
                  PortalSettings settings, AuditTrail audit) {
        this.audit = audit;
        this.tokens = tokens;
        this.meters = meters;
        this.usage = usage;
        this.namespaces = namespaces;
        this.clock = clock;
        this.ttl = settings.tokenTtl();
    }

    @Override
    @Transactional
    public PortalToken.Issued create(Caller caller, String subject, List<String> allowedMeterSlugs, Instant expiresAt) {
        UUID namespace = namespaces.require(caller, Capability.MANAGE_METERS);
        if (allowedMeterSlugs != null) {
            for (String slug : allowedMeterSlugs) {
                meters.findLiveBySlug(namespace, slug).orElseThrow(() -> NotFoundException.of("Meter", slug));
            }
        }
        Instant now = clock.instant();
        PortalToken.Issued issued = PortalToken.issue(namespace, subject, allowedMeterSlugs, expiresAt != null ? expiresAt : now.plus(ttl), now);
        tokens.insert(issued.token());
        audit.record(caller, namespace, AuditTrail.Change.created("portal_token", issued.token().ulid(), "Portal token for subject '"
                + subject + "' created", AuditSnapshots.of(issued.token())));
        return issued;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PortalToken> list(Caller caller, int limit) {
        if (limit < 1 || limit > 100) {
            throw new ValidationException("limit", "must be between 1 and 100");
        }
        return tokens.list(namespaces.require(caller, Capability.READ_METERS), limit);
    }

    @Override
    @Transactional
    public void invalidate(Caller caller, String id, String subject) {
        UUID namespace = namespaces.require(caller, Capability.MANAGE_METERS);
        if ((id == null || id.isEmpty()) && (subject == null || subject.isEmpty())) {
            throw ValidationException.ofRequest("give the id of a token or a subject whose tokens to invalidate");
        }
        UUID tokenId = null;
        if (id != null && !id.isEmpty()) {
            tokenId = Ulid.parse(id).orElseThrow(() -> NotFoundException.of("Portal token", id));
        }
        int invalidated = tokens.invalidate(namespace, tokenId, subject, clock.instant());
        if (invalidated > 0) {
            String what = tokenId != null ? "Portal token " + id : "Portal tokens of subject '" + subject + "'";
            audit.record(caller, namespace, new AuditTrail.Change("portal_token", tokenId != null ? id : "subject:" + subject,
                    "portal_token.invalidated", what + " invalidated (" + invalidated + ")", null,
                    AuditTrail.fields("subject", subject, "invalidated", invalidated)));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<MeterQueryRow> query(String bearerToken, String meterSlug, MeterQuery query) {
        Instant now = clock.instant();
        PortalToken token = bearerToken == null || !bearerToken.startsWith(PortalToken.PREFIX) ? null
                : tokens.findByHash(PortalToken.hash(bearerToken)).orElse(null);
        if (token == null || !token.allows(meterSlug, now)) {
            throw new UnauthenticatedException("a valid, unexpired portal token for this meter is required");
        }
        Meter meter = meters.findLiveBySlug(token.namespace(), meterSlug).orElseThrow(() -> NotFoundException.of("Meter", meterSlug));
        // The token's subject only, whatever the query asked: OpenMeter forces it and groups by it.
        MeterQuery scoped = new MeterQuery(query.from(), query.to(), query.windowSize(), query.windowTimeZone(), List.of(token.subject()),
                query.groupBy(), query.filterGroupBy(), List.of());
        return usage.aggregate(token.namespace(), meter, scoped.against(meter));
    }
}
