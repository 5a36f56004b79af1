package dev.tollgate.billing.domain.profile;

import dev.tollgate.platform.domain.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A billing party (OpenMeter's BillingParty): the supplier a profile invoices as. Stored and handed to invoices as the
 * JSON object OpenMeter shows ({@link #toMap()}), so an invoice's snapshot reads exactly like the profile did.
 */
public record Party(String key, String name, String taxIdCode, List<Address> addresses) {
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

    public Party {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    public record Address(String country, String postalCode, String state, String city, String line1, String line2, String phoneNumber) {
    }

    /** Every broken rule, its field under {@code prefix} (e.g. {@code supplier}). */
    public List<FieldError> problems(String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (key != null && (key.isEmpty() || key.length() > 256)) {
            errors.add(new FieldError(prefix + "/key", "must be 1-256 characters"));
        }
        if (taxIdCode != null && (taxIdCode.isEmpty() || taxIdCode.length() > 32)) {
            errors.add(new FieldError(prefix + "/taxId/code", "must be 1-32 characters"));
        }
        if (addresses.size() > 1) {
            errors.add(new FieldError(prefix + "/addresses", "holds at most one address, not " + addresses.size()));
        }
        for (int i = 0; i < addresses.size(); i++) {
            String country = addresses.get(i).country();
            if (country != null && !COUNTRY.matcher(country).matches()) {
                errors.add(new FieldError(prefix + "/addresses/" + i + "/country", "must be an ISO 3166-1 alpha-2 code such as 'US', not '" + country + "'"));
            }
        }
        return errors;
    }

    /** OpenMeter's BillingParty object, only the keys that have values. */
    public Map<String, Object> toMap() {
        Map<String, Object> party = new LinkedHashMap<>();
        put(party, "key", key);
        put(party, "name", name);
        if (taxIdCode != null) {
            party.put("taxId", Map.of("code", taxIdCode));
        }
        if (!addresses.isEmpty()) {
            party.put("addresses", addresses.stream().map(Party::addressMap).toList());
        }
        return party;
    }

    @SuppressWarnings("unchecked")
    public static Party fromMap(Map<String, Object> party) {
        Map<String, Object> taxId = (Map<String, Object>) party.get("taxId");
        List<Map<String, Object>> addresses = (List<Map<String, Object>>) party.getOrDefault("addresses", List.of());
        return new Party((String) party.get("key"), (String) party.get("name"), taxId == null ? null : (String) taxId.get("code"),
                addresses.stream().map(a -> new Address((String) a.get("country"), (String) a.get("postalCode"), (String) a.get("state"),
                        (String) a.get("city"), (String) a.get("line1"), (String) a.get("line2"), (String) a.get("phoneNumber"))).toList());
    }

    private static Map<String, Object> addressMap(Address a) {
        Map<String, Object> address = new LinkedHashMap<>();
        put(address, "country", a.country());
        put(address, "postalCode", a.postalCode());
        put(address, "state", a.state());
        put(address, "city", a.city());
        put(address, "line1", a.line1());
        put(address, "line2", a.line2());
        put(address, "phoneNumber", a.phoneNumber());
        return address;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
