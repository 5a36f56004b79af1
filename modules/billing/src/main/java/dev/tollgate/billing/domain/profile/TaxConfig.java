package dev.tollgate.billing.domain.profile;

import dev.tollgate.platform.domain.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenMeter's TaxConfig, the tax settings invoice lines get by default: a behavior ({@code inclusive} or
 * {@code exclusive}), a Stripe product tax code and a custom invoicing tax code, each optional.
 */
public record TaxConfig(String behavior, String stripeCode, boolean customInvoicing, String customInvoicingCode) {
    private static final Pattern STRIPE_CODE = Pattern.compile("^txcd_\\d{8}$");

    public List<FieldError> problems(String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (behavior != null && !behavior.equals("inclusive") && !behavior.equals("exclusive")) {
            errors.add(new FieldError(prefix + "/behavior", "must be inclusive or exclusive, not '" + behavior + "'"));
        }
        if (stripeCode != null && !STRIPE_CODE.matcher(stripeCode).matches()) {
            errors.add(new FieldError(prefix + "/stripe/code", "must be a Stripe product tax code such as txcd_10000000, not '" + stripeCode + "'"));
        }
        if (customInvoicing && customInvoicingCode == null) {
            errors.add(new FieldError(prefix + "/customInvoicing/code", "is required"));
        }
        return errors;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (behavior != null) {
            config.put("behavior", behavior);
        }
        if (stripeCode != null) {
            config.put("stripe", Map.of("code", stripeCode));
        }
        if (customInvoicing) {
            config.put("customInvoicing", Map.of("code", customInvoicingCode));
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    public static TaxConfig fromMap(Map<String, Object> config) {
        if (config == null) {
            return null;
        }
        Map<String, Object> stripe = (Map<String, Object>) config.get("stripe");
        Map<String, Object> custom = (Map<String, Object>) config.get("customInvoicing");
        return new TaxConfig((String) config.get("behavior"), stripe == null ? null : (String) stripe.get("code"), custom != null,
                custom == null ? null : (String) custom.get("code"));
    }
}
