package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.DataPlaneStatistics;
import dev.tollgate.tenancy.application.port.in.OnboardingUseCase;
import dev.tollgate.tenancy.application.port.out.AuditLog;
import dev.tollgate.tenancy.application.port.out.ConsentStore;
import dev.tollgate.tenancy.application.port.out.OnboardingStore;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.Consent;
import dev.tollgate.tenancy.domain.Onboarding;
import dev.tollgate.tenancy.domain.Onboarding.Step;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The checklist's steps are read from what happened: the audit log (a project created — PgBeam's, or a PlanetScale
 * database —, a database registered, a connection tested) and the data plane (the first statement it served). A step
 * counts from when it first happened; what the dashboard marks (the connection string copied) is kept as marked.
 */
@Singleton
class OnboardingService implements OnboardingUseCase {
    private final OrganizationAccess access;
    private final OnboardingStore onboarding;
    private final AuditLog audit;
    private final DataPlaneStatistics dataPlane;
    private final ConsentStore consents;
    private final UserStore users;
    private final Clock clock;

    OnboardingService(OrganizationAccess access, OnboardingStore onboarding, AuditLog audit, DataPlaneStatistics dataPlane,
                      ConsentStore consents, UserStore users, Clock clock) {
        this.access = access;
        this.onboarding = onboarding;
        this.audit = audit;
        this.dataPlane = dataPlane;
        this.consents = consents;
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Onboarding progress(Caller caller, String organizationIdOrSlug) {
        Organization organization = access.requireByIdOrSlug(caller, organizationIdOrSlug, Permission.READ_ORGANIZATION);
        return detected(organization);
    }

    @Override
    @Transactional
    public Onboarding update(Caller caller, String organizationIdOrSlug, String step, Boolean dismiss) {
        Organization organization = access.requireByIdOrSlug(caller, organizationIdOrSlug, Permission.READ_ORGANIZATION);
        if (step == null && dismiss == null) {
            throw new ValidationException("step", "name a step to mark done, or set dismiss");
        }
        Onboarding current = detected(organization);
        Instant now = clock.instant();
        Onboarding updated = step == null ? current : current.with(Step.parse("step", step), now);
        updated = dismiss == null ? updated : updated.dismissed(dismiss, now);
        onboarding.save(updated);
        return updated;
    }

    /** The stored checklist with what has happened since added (and stored, so a step stays done). */
    private Onboarding detected(Organization organization) {
        UUID id = organization.id();
        Optional<Onboarding> found = onboarding.find(id);
        Onboarding stored = found.orElseGet(() -> Onboarding.start(id, organization.createdAt()));
        Optional<Instant> firstQuery = dataPlane.firstQueryAt(id);
        Onboarding seen = stored;
        seen = seen(seen, Step.PROJECT_CREATED, earliest(audit.firstOf(id, "project.created", null), audit.firstOf(id, "database.created", "prj_")));
        seen = seen(seen, Step.DATABASE_ADDED, audit.firstOf(id, "database.created", null));
        seen = seen(seen, Step.CONNECTION_TESTED, earliest(audit.firstOf(id, "database.connection_tested", null), firstQuery));
        seen = seen(seen, Step.FIRST_QUERY_RUN, firstQuery);
        if (!seen.equals(stored) || found.isEmpty()) {
            onboarding.save(seen);
        }
        return seen;
    }

    private static Onboarding seen(Onboarding onboarding, Step step, Optional<Instant> at) {
        return at.map(when -> onboarding.with(step, when)).orElse(onboarding);
    }

    @SafeVarargs
    private static Optional<Instant> earliest(Optional<Instant>... times) {
        return Stream.of(times).flatMap(Optional::stream).min(Instant::compareTo);
    }

    @Override
    @Transactional
    public Consent recordConsent(Caller caller, String userId, String documentType, String documentVersion, String ipAddress) {
        if (caller.kind() != Caller.Kind.OPERATOR) {
            throw new ForbiddenException("Consents are recorded by the operator's dashboard back end (the internal secret)");
        }
        UUID user;
        try {
            String id = userId == null ? "" : userId.strip();
            user = id.startsWith("usr_") ? dev.tollgate.platform.domain.TypeId.parse("usr", id) : UUID.fromString(id);
        } catch (IllegalArgumentException notAUserId) {
            throw new ValidationException("user_id", "is not a user id (usr_...)");
        }
        if (users.findById(user).isEmpty()) {
            throw new ValidationException("user_id", "names no user");
        }
        Consent consent = Consent.record(user, documentType, documentVersion, ipAddress, clock.instant());
        consents.save(consent);
        return consent;
    }
}
