package dev.tollgate.billing.adapters.in.http.centrali;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.billing.application.port.in.ManageWorkspaceOverageUseCase;
import dev.tollgate.billing.application.port.in.ManageWorkspaceOverageUseCase.Overage;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import io.micronaut.json.tree.JsonNode;
import java.util.Map;

/**
 * Centrali's overage settings of a workspace: the organization's spend cap in cents, and whether usage beyond the plan's
 * allowance is billed at all (ADR 0041).
 */
@Controller("/workspace/api/v1/{slug}/overage")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Centrali: billing")
final class CentraliOverageController {
    private final ManageWorkspaceOverageUseCase overage;

    CentraliOverageController(ManageWorkspaceOverageUseCase overage) {
        this.overage = overage;
    }

    /** Only the rates Tollgate prices are written: the others are absent, not invented. */
    @Serdeable
    record Rates(@Nullable BigDecimal executions, @Nullable BigDecimal cpuSeconds, @Nullable BigDecimal memoryGbSeconds,
                 @Nullable BigDecimal storagePerGb, @Nullable BigDecimal blobStoragePerGb) {
        static Rates of(Map<String, BigDecimal> rates) {
            return rates == null ? null : new Rates(rates.get("executions"), rates.get("cpuSeconds"), rates.get("memoryGbSeconds"),
                    rates.get("storagePerGb"), rates.get("blobStoragePerGb"));
        }
    }

    @Serdeable
    record Settings(boolean overageEnabled, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long overageSpendingCapCents,
                    boolean hasDefaultPaymentMethod, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Rates overageRates) {
    }

    @Serdeable
    record Changed(boolean overageEnabled, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long overageSpendingCapCents,
                   @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant overageEnabledAt) {
    }

    @Get
    @Operation(summary = "Get overage billing settings")
    Settings get(Caller caller, String slug) {
        Overage o = overage.get(caller, slug);
        return new Settings(o.enabled(), o.spendingCapCents(), o.hasDefaultPaymentMethod(), Rates.of(o.rates()));
    }

    /** {@code overageEnabled} a boolean, required; {@code overageSpendingCapCents} a whole number of cents, null removes the cap, absent keeps it. */
    @Patch
    @Operation(summary = "Enable or disable overage billing")
    Changed update(Caller caller, String slug, @Body JsonNode body) {
        JsonNode enabled = body.isObject() ? body.get("overageEnabled") : null;
        if (enabled == null || !enabled.isBoolean()) {
            throw new ValidationException("overageEnabled", "is required: true or false");
        }
        JsonNode cap = body.get("overageSpendingCapCents");
        boolean capGiven = cap != null;
        Long cents = null;
        if (cap != null && !cap.isNull()) {
            Number number = cap.isNumber() ? cap.getNumberValue() : null;
            if (!(number instanceof Integer || number instanceof Long || number instanceof BigInteger || number instanceof Short)) {
                throw new ValidationException("overageSpendingCapCents", "must be a whole number of cents, or null");
            }
            BigInteger value = new BigInteger(number.toString());
            if (value.signum() < 0 || value.compareTo(BigInteger.TEN.pow(14)) > 0) {
                throw new ValidationException("overageSpendingCapCents", "must be a whole number of cents from 0 to 100000000000000, or null");
            }
            cents = value.longValueExact();
        }
        Overage o = overage.update(caller, slug, enabled.getBooleanValue(), capGiven, cents);
        return new Changed(o.enabled(), o.spendingCapCents(), o.enabledAt());
    }
}
