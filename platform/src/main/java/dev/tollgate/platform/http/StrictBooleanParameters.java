package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * A boolean query or path parameter is {@code true} or {@code false} (and {@code 1}/{@code 0}, which Laravel-style
 * php-tenant clients send), nothing else. Micronaut's own conversion reads every other word as false, so
 * {@code includeDeleted=yes please} silently meant "no"; here it is the dialect's 400 naming the parameter.
 */
@Singleton
public final class StrictBooleanParameters implements TypeConverter<String, Boolean> {
    @Override
    public Optional<Boolean> convert(String value, Class<Boolean> targetType, ConversionContext context) {
        Optional<Boolean> parsed = parse(value);
        if (parsed.isEmpty()) {
            context.reject(value, new IllegalArgumentException(mistake(value)));
        }
        return parsed;
    }

    /** For parameters read from the raw query string: absent is {@code orElse}, a word other than a boolean a 400. */
    public static boolean read(String name, String value, boolean orElse) {
        if (value == null) {
            return orElse;
        }
        return parse(value).orElseThrow(() -> new ValidationException(name, mistake(value)));
    }

    private static Optional<Boolean> parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Optional.of(Boolean.TRUE);
            case "false", "0" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        };
    }

    private static String mistake(String value) {
        return "must be true or false, not '" + value + "'";
    }
}
