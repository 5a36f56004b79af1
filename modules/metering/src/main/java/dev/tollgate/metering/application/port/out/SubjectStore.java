package dev.tollgate.metering.application.port.out;

import dev.tollgate.metering.domain.Subject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface SubjectStore {

    void save(Subject subject);

    Optional<Subject> findLive(UUID namespace, UUID id);

    Optional<Subject> findLiveByKey(UUID namespace, String key);

    List<Subject> listLive(UUID namespace);
}
