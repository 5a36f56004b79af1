package dev.tollgate.metering.application.service;

import dev.tollgate.metering.application.port.in.ManageSubjectsUseCase;
import dev.tollgate.metering.application.port.out.SubjectStore;
import dev.tollgate.metering.domain.Subject;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Singleton
class SubjectService implements ManageSubjectsUseCase {
    private final SubjectStore subjects;
    private final Namespaces namespaces;
    private final Clock clock;
    private final AuditTrail audit;

    SubjectService(SubjectStore subjects, Namespaces namespaces, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.subjects = subjects;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Subject> list(Caller caller) {
        return subjects.listLive(namespaces.require(caller, Capability.READ_METERS));
    }

    @Override
    @Transactional
    public List<Subject> upsert(Caller caller, List<Subject.Upsert> upserts) {
        UUID namespace = namespaces.require(caller, Capability.MANAGE_METERS);
        if (upserts.isEmpty()) {
            throw ValidationException.ofRequest("no subjects in the request body");
        }
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        List<Subject> saved = new ArrayList<>();
        for (int i = 0; i < upserts.size(); i++) {
            Subject.Upsert upsert = upserts.get(i).validated(i);
            if (!seen.add(upsert.key())) {
                throw new ValidationException("[" + i + "].key", "'" + upsert.key() + "' appears twice in the request");
            }
            Subject existing = subjects.findLiveByKey(namespace, upsert.key()).orElse(null);
            Subject subject = existing != null ? existing.with(upsert, now) : Subject.create(namespace, upsert, now);
            subjects.save(subject);
            saved.add(subject);
            if (existing == null) {
                audit.record(caller, namespace, AuditTrail.Change.created("subject", subject.ulid(), "Subject '" + subject.key() + "' created",
                        AuditSnapshots.of(subject)));
            } else if (!AuditSnapshots.of(existing).equals(AuditSnapshots.of(subject)) || !java.util.Objects.equals(existing.metadata(),
                    subject.metadata())) {
                audit.record(caller, namespace, AuditTrail.Change.updated("subject", subject.ulid(), "Subject '" + subject.key() + "' updated",
                        AuditSnapshots.of(existing), AuditSnapshots.of(subject)));
            }
        }
        return saved;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<Subject> findByKey(UUID namespace, String key) {
        return subjects.findLiveByKey(namespace, key);
    }

    @Override
    @Transactional(readOnly = true)
    public Subject get(Caller caller, String idOrKey) {
        return find(namespaces.require(caller, Capability.READ_METERS), idOrKey);
    }

    @Override
    @Transactional
    public void delete(Caller caller, String idOrKey) {
        UUID namespace = namespaces.require(caller, Capability.MANAGE_METERS);
        Subject subject = find(namespace, idOrKey);
        subjects.save(subject.deleted(clock.instant()));
        audit.record(caller, namespace, AuditTrail.Change.deleted("subject", subject.ulid(), "Subject '" + subject.key() + "' deleted",
                AuditSnapshots.of(subject)));
    }

    private Subject find(UUID namespace, String idOrKey) {
        return subjects.findLiveByKey(namespace, idOrKey)
                .or(() -> Ulid.parse(idOrKey).flatMap(id -> subjects.findLive(namespace, id)))
                .orElseThrow(() -> NotFoundException.of("Subject", idOrKey));
    }
}
