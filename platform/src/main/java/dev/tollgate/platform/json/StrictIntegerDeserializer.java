package dev.tollgate.platform.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/** A JSON integer into {@code Integer}/{@code int}, and nothing else (see {@link StrictScalars}). */
@Primary
@Singleton
final class StrictIntegerDeserializer implements Deserializer<Integer> {
    @Override
    public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
        return (int) StrictScalars.integer(decoder, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public Integer deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
