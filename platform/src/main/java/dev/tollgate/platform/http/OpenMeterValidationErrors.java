package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenMeter's ValidationError / ErrorExtension shape: field, code and message (the rule's own code, or a generic
 * one). Used both in problem+json bodies and in the {@code validationErrors} that drafts carry.
 */
public final class OpenMeterValidationErrors {
    private OpenMeterValidationErrors() {
    }

    public static List<Map<String, Object>> of(List<FieldError> errors) {
        return errors.stream().map(OpenMeterValidationErrors::of).toList();
    }

    public static Map<String, Object> of(FieldError f) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", f.field() == null ? "" : f.field());
        error.put("code", f.code() == null ? "invalid_value" : f.code());
        error.put("message", f.message());
        return error;
    }
}
