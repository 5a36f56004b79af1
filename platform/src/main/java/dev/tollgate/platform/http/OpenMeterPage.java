package dev.tollgate.platform.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** OpenMeter's paginated list object: the total number of matches, this page's number and size, and its items. */
@Serdeable
public record OpenMeterPage<T>(long totalCount, int page, int pageSize, List<T> items) {
}
