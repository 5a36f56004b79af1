package dev.tollgate.archfixtures.tenancy.domain;

import com.fasterxml.uuid.Generators;
import java.util.UUID;

/** Violates 3: only platform.domain may use the UUID generator; modules use TypeId. */
final class DomainUsingUuidGenerator {
    UUID next() {
        return Generators.timeBasedEpochGenerator().generate();
    }
}
