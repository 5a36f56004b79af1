package dev.tollgate.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.platform.domain.FieldError;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * OpenMeter's ValidationError / ErrorExtension shape: field, code and message (the rule's own code, or a generic
 * one). Used both in problem+json bodies and in the {@code validationErrors} that drafts carry.
 */
public final class OpenMeterValidationErrors {
    private OpenMeterValidationErrors() {
    }

    /** One field's problem; all three keys are written, as the document requires them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ValidationErrorView(String field, String code, String message) {
    }

    public static List<ValidationErrorView> of(List<FieldError> errors) {
        return errors.stream().map(OpenMeterValidationErrors::of).toList();
    }

    public static ValidationErrorView of(FieldError f) {
        return new ValidationErrorView(f.field() == null ? "" : f.field(), f.code() == null ? "invalid_value" : f.code(), f.message());
    }
}
