package dev.tollgate.entitlements.domain;

import java.util.regex.Pattern;

/**
 * php-tenant's product and feature codes ({@code starter-plan}, {@code social.accounts}) and the catalog keys they name
 * (ADR 0016). Catalog keys keep OpenMeter's grammar ({@code ^[a-z0-9]+(?:_[a-z0-9]+)*$}), because OpenMeter's routes
 * show them; a partner's code names the key it becomes when each {@code .} and {@code -} is written {@code _}
 * ({@code starter-plan} → {@code starter_plan}, {@code social.accounts} → {@code social_accounts}). A catalog entry shows
 * its partner-facing code through {@code metadata.partner_code}.
 */
public final class PartnerCodes {
    /** Where a feature, plan or add-on keeps the code partners know it by. */
    public static final String METADATA_KEY = "partner_code";
    private static final Pattern CODE = Pattern.compile("^[a-z0-9]+(?:[._-][a-z0-9]+)*$");
    private static final int MAX_KEY_LENGTH = 64;

    private PartnerCodes() {
    }

    /** The catalog key {@code code} names; text outside the code grammar is returned as it is (and names nothing new). */
    public static String keyOf(String code) {
        if (code == null || code.length() > MAX_KEY_LENGTH || !CODE.matcher(code).matches()) {
            return code;
        }
        return code.replace('.', '_').replace('-', '_');
    }

    /** How partners see the entry with {@code key}: its {@code partner_code} when that names the key, else the key. */
    public static String codeOf(String key, java.util.Map<String, String> metadata) {
        String code = metadata == null ? null : metadata.get(METADATA_KEY);
        return code != null && key != null && key.equals(keyOf(code)) ? code : key;
    }

    /** php-tenant's category of a dotted code ({@code social.accounts} → {@code social}); null without a dot. */
    public static String categoryOf(String code) {
        int dot = code == null ? -1 : code.indexOf('.');
        return dot > 0 ? code.substring(0, dot) : null;
    }
}
