package dev.tollgate.billing.domain.app;

import dev.tollgate.platform.domain.ValidationException;
import java.util.Arrays;
import java.util.Optional;

/** OpenMeter's AppType: what an installed app is, and which listing of the marketplace it came from. */
public enum AppType {
    STRIPE("stripe"), SANDBOX("sandbox"), CUSTOM_INVOICING("custom_invoicing");

    private final String wire;

    AppType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AppType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** The type named by a request field; anything else is that field's validation error. */
    public static AppType parse(String field, String wire) {
        return of(wire).orElseThrow(() -> new ValidationException(field, "must be one of stripe, sandbox, custom_invoicing, not '" + wire + "'"));
    }
}
