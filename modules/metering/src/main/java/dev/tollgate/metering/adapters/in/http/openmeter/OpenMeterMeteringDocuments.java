package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.api.MeteringDocuments;
import dev.tollgate.metering.application.port.in.ManageSubjectsUseCase;
import dev.tollgate.platform.domain.JsonSyntax;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A subject written by {@link SubjectsController}'s view, so an embedded subject is the one {@code getSubject} shows. */
@Singleton
final class OpenMeterMeteringDocuments implements MeteringDocuments {
    private final ManageSubjectsUseCase subjects;
    private final JsonMapper mapper;
    private final JsonSyntax json;

    OpenMeterMeteringDocuments(ManageSubjectsUseCase subjects, JsonMapper mapper, JsonSyntax json) {
        this.subjects = subjects;
        this.mapper = mapper;
        this.json = json;
    }

    @Override
    public Optional<Map<String, Object>> openMeterSubject(UUID namespace, String subjectKey) {
        return subjects.findByKey(namespace, subjectKey).map(s -> json.document(SubjectsController.SubjectView.of(s, mapper)));
    }
}
