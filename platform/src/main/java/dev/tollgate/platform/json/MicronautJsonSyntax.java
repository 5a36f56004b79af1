package dev.tollgate.platform.json;

import dev.tollgate.platform.domain.JsonSyntax;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

@Singleton
final class MicronautJsonSyntax implements JsonSyntax {
    private final JsonMapper json;

    MicronautJsonSyntax(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Optional<Map<String, Object>> parseObject(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty(); // the mapper would read a bare array or scalar into a map's error, or coerce it
        }
        try {
            return Optional.ofNullable(json.readValue(trimmed.getBytes(StandardCharsets.UTF_8), Argument.mapOf(String.class, Object.class)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value, e);
        }
    }
}
