package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the lowercase, hyphenated enum values the documents use ({@code verify-full}) into Java enums. */
final class WireEnums {
    private WireEnums() {
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        Function<E, String> name = WireEnums::wire;
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> name.apply(e).equals(text))
                .findFirst()
                .orElseThrow(() -> new ValidationException(field, "must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(name).collect(Collectors.joining(", "))));
    }
}
