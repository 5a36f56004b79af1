package dev.tollgate.metering.application.port.out;

import java.util.UUID;

/**
 * How fast a namespace may ingest events: {@code perSecond} with bursts up to {@code burst}, from the organization's
 * entitlements where it has one, else the node's default. Ingestion goes into the one shared database: without a
 * quota one namespace's flood would slow every other's.
 */
public interface IngestionQuotas {
    /** The name of the bean that answers the node's default for every namespace, for a source that falls back on it. */
    String NODE_DEFAULT = "node-default";

    /** 0 for both means no limit. */
    record Quota(long perSecond, long burst) {
        public static final Quota UNLIMITED = new Quota(0, 0);

        public boolean unlimited() {
            return perSecond <= 0;
        }
    }

    Quota of(UUID namespace);
}
