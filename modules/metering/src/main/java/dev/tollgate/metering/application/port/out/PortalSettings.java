package dev.tollgate.metering.application.port.out;

import java.time.Duration;

/** How long a consumer-portal token lives when its creator does not say. */
public interface PortalSettings {
    Duration tokenTtl();
}
