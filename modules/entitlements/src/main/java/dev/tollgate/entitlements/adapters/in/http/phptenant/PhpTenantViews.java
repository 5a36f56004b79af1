package dev.tollgate.entitlements.adapters.in.http.phptenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.entitlements.application.port.in.CheckEntitlementsUseCase.Checked;
import dev.tollgate.entitlements.application.port.in.CheckEntitlementsUseCase.Recorded;
import dev.tollgate.entitlements.application.port.in.ProvisionPackagesUseCase.Provisioned;
import dev.tollgate.entitlements.application.port.in.SummarizeEntitlementsUseCase.Boost;
import dev.tollgate.entitlements.application.port.in.SummarizeEntitlementsUseCase.FeatureLine;
import dev.tollgate.entitlements.application.port.in.SummarizeEntitlementsUseCase.PackageLine;
import dev.tollgate.entitlements.application.port.in.SummarizeEntitlementsUseCase.Summary;
import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * php-tenant's response shapes for entitlements, as the document names their fields (snake_case). Every key is
 * written, null included: the document requires them and marks the ones that may be null (an unlimited feature's
 * {@code limit}, a package that never expires).
 */
final class PhpTenantViews {
    private PhpTenantViews() {
    }

    @Serdeable
    record EntitlementSummary(long workspace_id, List<SummaryPackage> packages, Map<String, List<FeatureUsage>> features,
                              List<SummaryBoost> boosts) {
        static EntitlementSummary of(Summary s) {
            Map<String, List<FeatureUsage>> features = new LinkedHashMap<>();
            s.features().forEach((category, lines) -> features.put(category, lines.stream().map(FeatureUsage::of).toList()));
            return new EntitlementSummary(s.workspace().number(), s.packages().stream().map(SummaryPackage::of).toList(), features,
                    s.boosts().stream().map(SummaryBoost::of).toList());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SummaryPackage(String code, String name, String status, @Nullable String expires_at) {
        static SummaryPackage of(PackageLine p) {
            return new SummaryPackage(p.code(), p.name(), p.status().wireName(), text(p.expiresAt()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FeatureUsage(String code, String name, @Nullable Long limit, long used, @Nullable Long remaining, boolean unlimited,
                        double percentage) {
        static FeatureUsage of(FeatureLine f) {
            FeatureAllowance a = f.allowance();
            return new FeatureUsage(f.code(), f.name(), a.limit(), a.used(), a.remaining(), a.unlimited(), a.percentage());
        }
    }

    /** A boost only ever adds to a limit. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SummaryBoost(String feature, long value, String type, @Nullable String expires_at) {
        static SummaryBoost of(Boost b) {
            return new SummaryBoost(b.feature(), b.value(), "add", text(b.expiresAt()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CheckResult(boolean allowed, @Nullable Long limit, long used, @Nullable Long remaining, boolean unlimited, double usage_percentage,
                       String feature_code, long workspace_id) {
        static CheckResult of(Checked checked) {
            FeatureAllowance a = checked.allowance();
            return new CheckResult(checked.allowed(), a.limit(), a.used(), a.remaining(), a.unlimited(), a.percentage(), checked.featureKey(),
                    checked.workspace().number());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UsageRecorded(boolean success, long usage_record_id, String feature_code, long quantity) {
        static UsageRecorded of(Recorded recorded) {
            return new UsageRecorded(true, recorded.id(), recorded.featureKey(), recorded.quantity());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProvisionedEntitlement(boolean success, Long entitlement_id, long workspace_id, String workspace_slug, @JsonProperty("package") String pkg,
                                  String status) {
        static ProvisionedEntitlement of(Provisioned p) {
            return new ProvisionedEntitlement(true, p.pkg().id(), p.workspace().number(), p.workspace().slug(), p.pkg().productCode(),
                    p.status().wireName());
        }
    }

    @Serdeable
    record EntitlementDetails(boolean success, EntitlementDetail entitlement) {
        static EntitlementDetails of(Provisioned p) {
            WorkspacePackage pkg = p.pkg();
            return new EntitlementDetails(true, new EntitlementDetail(pkg.id(), p.workspace().number(), p.workspace().slug(), pkg.productCode(),
                    pkg.productName(), p.status().wireName(), text(pkg.startsAt()), text(pkg.expiresAt()), text(pkg.billingCycleAnchor()),
                    pkg.blestaServiceId()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EntitlementDetail(Long id, long workspace_id, String workspace_slug, String package_code, String package_name, String status,
                             @Nullable String starts_at, @Nullable String expires_at, @Nullable String billing_cycle_anchor,
                             @Nullable String blesta_service_id) {
    }

    /** What suspend, unsuspend and cancel answer. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EntitlementAction(boolean success, Long entitlement_id, String status) {
        static EntitlementAction of(Provisioned p) {
            return new EntitlementAction(true, p.pkg().id(), p.status().wireName());
        }
    }

    /** A renewal also says until when. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EntitlementRenewed(boolean success, Long entitlement_id, String status, @Nullable String expires_at) {
        static EntitlementRenewed of(Provisioned p) {
            return new EntitlementRenewed(true, p.pkg().id(), p.status().wireName(), text(p.pkg().expiresAt()));
        }
    }

    /** php-tenant writes times as ISO-8601 text, as {@link Instant#toString()} does. */
    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
