package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.Consent;
import java.util.List;
import java.util.UUID;

public interface ConsentStore {
    void save(Consent consent);

    /** Oldest first. */
    List<Consent> forUser(UUID userId);
}
