package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.FieldError;
import java.util.List;

/**
 * A catalog item with what would stop it from being published now (OpenMeter's {@code validationErrors}); null for
 * versions already published, which were checked when they were.
 */
public record Reviewed<T>(T item, List<FieldError> validationErrors) {
}
