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

    /**
     * The live subject of the namespace with this key, without a caller: for metering's own documents embedded in
     * other modules' messages (a notification names the subject it is about), never for a request.
     */
    java.util.Optional<Subject> findByKey(java.util.UUID namespace, String key);

    void delete(Caller caller, String idOrKey);
}
