package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.tenancy.application.port.out.ConsentStore;
import dev.tollgate.tenancy.domain.Consent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

@Singleton
class JdbcConsentStore implements ConsentStore {
    private final ConsentRowRepository rows;

    JdbcConsentStore(ConsentRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(Consent c) {
        rows.save(new ConsentRow(c.id(), c.userId(), c.documentType(), c.documentVersion(), c.ipAddress(), c.acceptedAt()));
    }

    @Override
    public List<Consent> forUser(UUID userId) {
        return rows.findByUserIdOrderByAcceptedAt(userId).stream()
                .map(r -> new Consent(r.id(), r.userId(), r.documentType(), r.documentVersion(), r.ipAddress(), r.acceptedAt())).toList();
    }
}
