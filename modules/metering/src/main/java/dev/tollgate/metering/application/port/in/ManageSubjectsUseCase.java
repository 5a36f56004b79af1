package dev.tollgate.metering.application.port.in;

import dev.tollgate.metering.domain.Subject;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** OpenMeter's subjects in the caller's namespace, addressed by ULID or key. */
public interface ManageSubjectsUseCase {

    List<Subject> list(Caller caller);

    /** Creates the subjects whose keys are new and updates the others, all or nothing. */
    List<Subject> upsert(Caller caller, List<Subject.Upsert> subjects);

    Subject get(Caller caller, String idOrKey);

    void delete(Caller caller, String idOrKey);
}
