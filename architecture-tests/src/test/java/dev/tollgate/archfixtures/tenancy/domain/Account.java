package dev.tollgate.archfixtures.tenancy.domain;

import dev.tollgate.archfixtures.platform.domain.FixtureId;
import java.time.Instant;

/** Allowed: pure Java plus platform.domain. */
public record Account(FixtureId id, String name, Instant createdAt) {
}
