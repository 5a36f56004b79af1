package dev.tollgate.catalog.adapters.out.json;

import dev.tollgate.catalog.application.port.out.JsonSyntax;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

@Singleton
final class MicronautJsonSyntax implements JsonSyntax {
    private final JsonMapper json;

    MicronautJsonSyntax(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean isObject(String text) {
        try {
            JsonNode node = json.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            return node != null && node.isObject();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
