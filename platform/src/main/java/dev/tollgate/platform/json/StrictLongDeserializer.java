package dev.tollgate.platform.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/** A JSON integer into {@code Long}/{@code long}, and nothing else (see {@link StrictScalars}). */
@Primary
@Singleton
final class StrictLongDeserializer implements Deserializer<Long> {
    @Override
    public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
        return StrictScalars.integer(decoder, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public Long deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
