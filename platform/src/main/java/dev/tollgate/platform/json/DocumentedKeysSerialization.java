package dev.tollgate.platform.json;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.serde.config.SerializationConfiguration;
import io.micronaut.serde.config.annotation.SerdeConfig;
import jakarta.inject.Singleton;

/**
 * Every response writes every key it has: an empty list as {@code []} and an empty object as {@code {}}. Micronaut
 * Serde's default (NON_EMPTY) drops both, so a list with no items lost its array and broke the documents' required
 * keys and the clients that read them. Only absent values (null, empty Optional) are left out; a property the document
 * declares nullable and required says so with {@code @JsonInclude(ALWAYS)}. Replaces the configuration bean rather than
 * setting {@code micronaut.serde.serialization.inclusion}, so every module's tests run with it too.
 */
@Singleton
@Replaces(SerializationConfiguration.class)
final class DocumentedKeysSerialization implements SerializationConfiguration {
    @Override
    public SerdeConfig.SerInclude getInclusion() {
        return SerdeConfig.SerInclude.NON_ABSENT;
    }

    @Override
    public boolean isAlwaysSerializeErrorsAsList() {
        return true;
    }
}
