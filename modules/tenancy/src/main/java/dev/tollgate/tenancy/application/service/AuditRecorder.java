package dev.tollgate.tenancy.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.out.AuditLog;
import dev.tollgate.tenancy.application.port.out.RequestOrigin;
import dev.tollgate.tenancy.domain.AuditEntry;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Writes the audit log for every module, inside the transaction of the change it records (joins it; never its own). */
@Singleton
class AuditRecorder implements AuditTrail {
    private final AuditLog log;
    private final RequestOrigin origin;
    private final Clock clock;

    AuditRecorder(AuditLog log, RequestOrigin origin, Clock clock) {
        this.log = log;
        this.origin = origin;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(Caller actor, UUID organizationId, Change change) {
        append(organizationId, AuditActors.typeOf(actor), AuditActors.idOf(actor), change);
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void recordSystem(UUID organizationId, Change change) {
        append(organizationId, "system", "system", change);
    }

    private void append(UUID organizationId, String actorType, String actorId, Change change) {
        Instant at = clock.instant();
        log.append(new AuditEntry(AuditEntry.idAt(at), organizationId, actorType, actorId, change.resourceType(), change.resourceId(),
                change.type(), change.summary(), copy(change.before()), copy(change.after()), origin.sourceAddress().orElse(null), at));
    }

    private static Map<String, Object> copy(Map<String, ?> fields) {
        return fields == null ? null : new LinkedHashMap<>(fields);
    }
}
