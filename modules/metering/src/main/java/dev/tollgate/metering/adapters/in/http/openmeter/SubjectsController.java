package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.application.port.in.ManageSubjectsUseCase;
import dev.tollgate.metering.domain.Subject;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

@Controller("/api/v1/subjects")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: subjects")
final class SubjectsController {
    private final ManageSubjectsUseCase subjects;
    private final JsonMapper json;

    SubjectsController(ManageSubjectsUseCase subjects, JsonMapper json) {
        this.subjects = subjects;
        this.json = json;
    }

    @Serdeable
    record SubjectUpsertBody(String key, @Nullable String displayName, @Nullable JsonNode metadata, @Nullable String currentPeriodStart,
                             @Nullable String currentPeriodEnd, @Nullable String stripeCustomerId) {
    }

    @Serdeable
    record SubjectView(String id, String key, String displayName, JsonNode metadata, Instant currentPeriodStart, Instant currentPeriodEnd,
                       String stripeCustomerId, Instant createdAt, Instant updatedAt, Instant deletedAt) {
        /** Metadata is stored as JSON text; text that no longer reads as JSON is shown as no metadata. */
        static SubjectView of(Subject s, JsonMapper json) {
            JsonNode metadata = null;
            if (s.metadata() != null) {
                try {
                    metadata = json.readValue(s.metadata(), JsonNode.class);
                } catch (IOException unreadable) {
                    metadata = null;
                }
            }
            return new SubjectView(s.ulid(), s.key(), s.displayName(), metadata, s.currentPeriodStart(), s.currentPeriodEnd(),
                    s.stripeCustomerId(), s.createdAt(), s.updatedAt(), s.deletedAt());
        }
    }

    @Get
    @Operation(operationId = "listSubjects", summary = "List subjects")
    List<SubjectView> list(Caller caller) {
        return subjects.list(caller).stream().map(this::view).toList();
    }

    @Post
    @Operation(operationId = "upsertSubject", summary = "Upsert subjects")
    List<SubjectView> upsert(Caller caller, @Body List<SubjectUpsertBody> body) {
        List<Subject.Upsert> upserts = new java.util.ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            SubjectUpsertBody b = body.get(i);
            if (b == null) {
                throw new ValidationException("[" + i + "]", "must be a subject object");
            }
            if (b.metadata() != null && !b.metadata().isNull() && !b.metadata().isObject()) {
                throw new ValidationException("[" + i + "].metadata", "must be a JSON object");
            }
            upserts.add(new Subject.Upsert(b.key(), b.displayName(), text(b.metadata()),
                    OpenMeterParams.instant("[" + i + "].currentPeriodStart", b.currentPeriodStart()),
                    OpenMeterParams.instant("[" + i + "].currentPeriodEnd", b.currentPeriodEnd()), b.stripeCustomerId()));
        }
        return subjects.upsert(caller, upserts).stream().map(this::view).toList();
    }

    @Get("/{subjectIdOrKey}")
    @Operation(operationId = "getSubject", summary = "Get subject")
    SubjectView get(Caller caller, String subjectIdOrKey) {
        return view(subjects.get(caller, subjectIdOrKey));
    }

    @Delete("/{subjectIdOrKey}")
    @Operation(operationId = "deleteSubject", summary = "Delete subject")
    HttpResponse<Void> delete(Caller caller, String subjectIdOrKey) {
        subjects.delete(caller, subjectIdOrKey);
        return HttpResponse.noContent();
    }

    private String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new ValidationException("metadata", "could not be read");
        }
    }

    private SubjectView view(Subject s) {
        return SubjectView.of(s, json);
    }
}
