package dev.tollgate.metering.api.spi;

import java.util.UUID;

/**
 * How fast a namespace may ingest events: {@code perSecond} with bursts up to {@code burst}. Ingestion goes into the one
 * shared database: without a quota one namespace's flood would slow every other's. The quotas are the organizations'
 * entitlements, which metering may not read: the deployable implements this.
 */
public interface IngestionQuotas {
    /** 0 for both means no limit. */
    record Quota(long perSecond, long burst) {
        public static final Quota UNLIMITED = new Quota(0, 0);

        public boolean unlimited() {
            return perSecond <= 0;
        }
    }

    Quota of(UUID namespace);
}
