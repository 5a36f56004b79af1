package dev.tollgate.entitlements.adapters.in.http.pgbeam;

import dev.tollgate.entitlements.application.port.in.ReadBillingHealthUseCase;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** PgBeam's GetBillingHealth (internal: the {@code X-Internal-Secret} operator only). */
@Controller("/v1/internal")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: billing")
final class BillingHealthController {
    private final ReadBillingHealthUseCase health;

    BillingHealthController(ReadBillingHealthUseCase health) {
        this.health = health;
    }

    @Serdeable
    record BillingHealthEntry(String plan, String billing_provider, String subscription_status, long org_count) {
    }

    @Serdeable
    record BillingHealthSummary(List<BillingHealthEntry> entries) {
    }

    @Get("/billing-health")
    @Operation(operationId = "GetBillingHealth", summary = "Get billing health summary")
    BillingHealthSummary billingHealth(Caller caller) {
        return new BillingHealthSummary(health.billingHealth(caller).stream()
                .map(s -> new BillingHealthEntry(s.plan(), s.billingProvider(), s.subscriptionStatus(), s.organizations())).toList());
    }
}
