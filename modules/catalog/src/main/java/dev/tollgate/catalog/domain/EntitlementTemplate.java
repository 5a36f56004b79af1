package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.IsoDuration;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a rate card grants its subscriber on its feature: access ({@code boolean}), a JSON configuration
 * ({@code static}), or an allowance of metered usage ({@code metered}) restored by {@code issueAfterReset} at each
 * usage period. Entitlements are created from these when a customer gets the plan.
 */
public record EntitlementTemplate(String type, Map<String, String> metadata, boolean isSoftLimit, BigDecimal issueAfterReset,
                                  int issueAfterResetPriority, boolean preserveOverageAtReset, IsoDuration usagePeriod,
                                  String config) {
    public static final String METERED = "metered";
    public static final String STATIC = "static";
    public static final String BOOLEAN = "boolean";

    static EntitlementTemplate read(DocumentReader r, Map<String, Object> card, String path, Predicate<String> isJsonObject) {
        Map<String, Object> doc = r.object(card, path, "entitlementTemplate", false);
        if (doc == null) {
            return null;
        }
        String where = DocumentReader.at(path, "entitlementTemplate");
        String type = r.oneOf(doc, where, "type", Set.of(METERED, STATIC, BOOLEAN), null);
        Map<String, String> metadata = r.metadata(doc, where);
        if (METERED.equals(type)) {
            BigDecimal issue = r.number(doc, where, "issueAfterReset");
            if (issue != null && issue.signum() < 0) {
                r.fail(DocumentReader.at(where, "issueAfterReset"), "invalid_value", "must not be negative");
            }
            Integer priority = r.whole(doc, where, "issueAfterResetPriority", 1, 255, "must be a whole number from 1 to 255");
            IsoDuration period = r.duration(doc, where, "usagePeriod", false);
            if (period != null && !period.atLeastAnHour()) {
                r.fail(DocumentReader.at(where, "usagePeriod"), "entitlement_template_usage_period_less_then_an_hour",
                        "a usage period must be at least one hour long");
            }
            return new EntitlementTemplate(type, metadata, r.bool(doc, where, "isSoftLimit", false), issue,
                    priority == null ? 1 : priority, r.bool(doc, where, "preserveOverageAtReset", false), period, null);
        }
        String config = null;
        if (STATIC.equals(type)) {
            config = r.text(doc, where, "config", true, 65536);
            if (config != null && !isJsonObject.test(config)) {
                r.fail(DocumentReader.at(where, "config"), "entitlement_template_invalid_json_config",
                        "must be a JSON object written as a string, e.g. \"{\\\"seats\\\":5}\"");
            }
        }
        return new EntitlementTemplate(type, metadata, false, null, 1, false, null, config);
    }

    public boolean metered() {
        return METERED.equals(type);
    }

    Map<String, Object> toDocument() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        if (metadata != null) {
            out.put("metadata", metadata);
        }
        if (metered()) {
            out.put("isSoftLimit", isSoftLimit);
            if (issueAfterReset != null) {
                out.put("issueAfterReset", issueAfterReset);
            }
            out.put("issueAfterResetPriority", issueAfterResetPriority);
            out.put("preserveOverageAtReset", preserveOverageAtReset);
            if (usagePeriod != null) {
                out.put("usagePeriod", usagePeriod.text());
            }
        } else if (STATIC.equals(type)) {
            out.put("config", config);
        }
        return out;
    }
}
