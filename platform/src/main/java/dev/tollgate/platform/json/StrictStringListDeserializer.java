package dev.tollgate.platform.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list through its element's deserializer. Micronaut Serde registers a dedicated {@code List<String>}
 * deserializer that decodes each element with the coercing {@code Decoder.decodeString()}, bypassing
 * {@link StrictStringDeserializer}; this one replaces it, so {@code ["a", 7]} is refused like {@code "name": 7}. It
 * asks the context for the element's deserializer, so it is also right for any other element type it is matched to.
 */
@Primary
@Singleton
final class StrictStringListDeserializer implements Deserializer<List<String>> {

    @Override
    public Deserializer<List<String>> createSpecific(DecoderContext context, Argument<? super List<String>> type) throws SerdeException {
        Argument<Object> element = elementOf(type);
        Deserializer<?> elements = context.findDeserializer(element).createSpecific(context, element);
        return new ElementWise(elements, element);
    }

    @Override
    public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type) throws IOException {
        return createSpecific(context, type).deserialize(decoder, context, type);
    }

    @SuppressWarnings("unchecked")
    private static Argument<Object> elementOf(Argument<?> type) {
        return (Argument<Object>) type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
    }

    private record ElementWise(Deserializer<?> elements, Argument<Object> element) implements Deserializer<List<String>> {
        @Override
        @SuppressWarnings("unchecked")
        public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type) throws IOException {
            List<Object> values = new ArrayList<>();
            try (Decoder array = decoder.decodeArray()) {
                while (array.hasNextArrayValue()) {
                    values.add(elements.deserializeNullable(array, context, (Argument) element));
                }
            }
            return (List<String>) (List<?>) values;
        }
    }
}
