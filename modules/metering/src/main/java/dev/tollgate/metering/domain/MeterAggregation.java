package dev.tollgate.metering.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.util.Arrays;

/** How a meter turns the values of its events into one number per window and group. */
public enum MeterAggregation {
    SUM, COUNT, UNIQUE_COUNT, AVG, MIN, MAX, LATEST;

    public static MeterAggregation parse(String field, String text) {
        if (text == null) {
            throw new ValidationException(field, "is required");
        }
        try {
            return valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be one of " + Arrays.toString(values()) + ", not '" + text + "'");
        }
    }
}
