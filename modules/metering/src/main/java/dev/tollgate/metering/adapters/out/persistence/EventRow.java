package dev.tollgate.metering.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code metering.events}, as listings read it (through {@code Sql.rows}); events are written only by
 * {@link GroupCommitAppender}, so there is no repository and no identity (the key is namespace, source and id).
 */
@MappedEntity(value = "events", schema = "metering")
record EventRow(UUID namespace, String source, String id, String type, String subject, Instant time,
                @Nullable @TypeDef(type = DataType.JSON) String data, Instant ingestedAt, Instant storedAt, boolean compact) {
}
