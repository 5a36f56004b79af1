package dev.tollgate.archfixtures.platform.domain;

import com.fasterxml.uuid.Generators;
import java.util.UUID;

/** Allowed: platform.domain may use the UUID generator. */
public record FixtureId(UUID value) {
    public static FixtureId next() {
        return new FixtureId(Generators.timeBasedEpochGenerator().generate());
    }
}
