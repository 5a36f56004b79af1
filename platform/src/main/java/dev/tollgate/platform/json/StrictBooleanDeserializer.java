package dev.tollgate.platform.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/** A JSON boolean into {@code Boolean}/{@code boolean}, and nothing else (see {@link StrictScalars}). */
@Primary
@Singleton
final class StrictBooleanDeserializer implements Deserializer<Boolean> {
    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        return StrictScalars.bool(decoder);
    }

    @Override
    public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
