package dev.tollgate.entitlements.adapters.in.http.phptenant;

import dev.tollgate.entitlements.application.port.in.SummarizeEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.in.SummarizeEntitlementsUseCase.Summary;
import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** php-tenant's entitlement summaries for the signed-in user: packages, feature usage by category, boosts. */
@Controller("/api/entitlements/summary")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "php-tenant: entitlement summaries")
final class EntitlementSummaryController {
    private final SummarizeEntitlementsUseCase summaries;

    EntitlementSummaryController(SummarizeEntitlementsUseCase summaries) {
        this.summaries = summaries;
    }

    @Get
    @Operation(operationId = "myEntitlementSummary", summary = "Get my entitlement summary")
    Map<String, Object> mine(Caller caller) {
        return view(summaries.summary(caller, null));
    }

    @Get("/{workspace}")
    @Operation(operationId = "workspaceEntitlementSummary", summary = "Get workspace entitlement summary")
    Map<String, Object> ofWorkspace(Caller caller, String workspace) {
        long number;
        try {
            number = Long.parseLong(workspace);
        } catch (NumberFormatException notANumber) {
            throw new NotFoundException("Not found"); // php-tenant workspace ids are integers
        }
        return view(summaries.summary(caller, number));
    }

    private static Map<String, Object> view(Summary s) {
        List<Map<String, Object>> packages = new ArrayList<>();
        s.packages().forEach(p -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("code", p.code());
            line.put("name", p.name());
            line.put("status", p.status().wireName());
            line.put("expires_at", p.expiresAt() == null ? null : p.expiresAt().toString());
            packages.add(line);
        });
        Map<String, Object> features = new LinkedHashMap<>();
        s.features().forEach((category, lines) -> features.put(category, lines.stream().map(f -> feature(f.code(), f.name(), f.allowance())).toList()));
        List<Map<String, Object>> boosts = new ArrayList<>();
        s.boosts().forEach(b -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("feature", b.feature());
            line.put("value", b.value());
            line.put("type", "add");
            line.put("expires_at", b.expiresAt() == null ? null : b.expiresAt().toString());
            boosts.add(line);
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("workspace_id", s.workspace().number());
        view.put("packages", packages);
        view.put("features", features);
        view.put("boosts", boosts);
        return view;
    }

    private static Map<String, Object> feature(String code, String name, FeatureAllowance a) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("code", code);
        line.put("name", name);
        line.put("limit", a.limit());
        line.put("used", a.used());
        line.put("remaining", a.remaining());
        line.put("unlimited", a.unlimited());
        line.put("percentage", a.percentage());
        return line;
    }
}
