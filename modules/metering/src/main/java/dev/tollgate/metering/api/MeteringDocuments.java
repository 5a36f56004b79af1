package dev.tollgate.metering.api;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Metering's documents as its dialects show them, for other modules that embed one in their own messages (an
 * OpenMeter notification carries the subject it is about). Written by the same views metering's routes use.
 */
public interface MeteringDocuments {
    /** OpenMeter's {@code Subject} of the namespace by key (a live one); empty when there is none. */
    Optional<Map<String, Object>> openMeterSubject(UUID namespace, String subjectKey);
}
