package dev.tollgate.tenancy.adapters.in.http.pgbeam;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.OnboardingUseCase;
import dev.tollgate.tenancy.domain.Consent;
import dev.tollgate.tenancy.domain.Onboarding;
import dev.tollgate.tenancy.domain.Onboarding.Step;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

/** PgBeam's onboarding checklist of an organization ({@code org_id}: its {@code org_...} id or slug) and RecordConsent. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: account")
final class OnboardingController {
    private final OnboardingUseCase onboarding;

    OnboardingController(OnboardingUseCase onboarding) {
        this.onboarding = onboarding;
    }

    @Serdeable
    record UpdateOnboardingRequest(@Nullable String step, @Nullable Boolean dismiss) {
    }

    @Serdeable
    record OnboardingProgress(String organization_id, boolean org_created, boolean project_created, boolean database_added,
                              boolean connection_tested, boolean connection_string_copied, boolean first_query_run, boolean dismissed,
                              boolean completed, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant completed_at,
                              int steps_completed, int steps_total) {
        static OnboardingProgress of(Onboarding o) {
            return new OnboardingProgress(TypeId.format("org", o.organizationId()), true, o.isDone(Step.PROJECT_CREATED),
                    o.isDone(Step.DATABASE_ADDED), o.isDone(Step.CONNECTION_TESTED), o.isDone(Step.CONNECTION_STRING_COPIED),
                    o.isDone(Step.FIRST_QUERY_RUN), o.dismissedAt() != null, o.completed(), o.completedAt(), o.stepsCompleted(),
                    Onboarding.STEPS_TOTAL);
        }
    }

    @Serdeable
    record RecordConsentRequest(@Nullable String user_id, @Nullable String document_type, @Nullable String document_version,
                                @Nullable String ip_address) {
    }

    @Serdeable
    record ConsentRecord(String id, String user_id, String document_type, String document_version, @Nullable String ip_address,
                         Instant accepted_at) {
    }

    @Get("/organizations/{org_id}/onboarding")
    @Operation(operationId = "GetOnboardingProgress", summary = "Get onboarding progress")
    OnboardingProgress progress(Caller caller, String org_id) {
        return OnboardingProgress.of(onboarding.progress(caller, org_id));
    }

    @Patch("/organizations/{org_id}/onboarding")
    @Operation(operationId = "UpdateOnboardingProgress", summary = "Update onboarding progress")
    OnboardingProgress update(Caller caller, String org_id, @Body UpdateOnboardingRequest body) {
        return OnboardingProgress.of(onboarding.update(caller, org_id, body.step(), body.dismiss()));
    }

    @Post("/internal/consent")
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "RecordConsent", summary = "Record legal consent")
    ConsentRecord consent(Caller caller, @Body RecordConsentRequest body) {
        Consent c = onboarding.recordConsent(caller, body.user_id(), body.document_type(), body.document_version(), body.ip_address());
        return new ConsentRecord(c.publicId(), dev.tollgate.platform.domain.TypeId.format("usr", c.userId()), c.documentType(), c.documentVersion(), c.ipAddress(), c.acceptedAt());
    }
}
