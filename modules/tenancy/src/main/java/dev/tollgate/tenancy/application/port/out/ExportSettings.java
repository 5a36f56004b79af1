package dev.tollgate.tenancy.application.port.out;

import java.time.Duration;

/** How long a finished export's download link stays valid (the archive is removed after it). */
public interface ExportSettings {
    Duration linkLifetime();
}
