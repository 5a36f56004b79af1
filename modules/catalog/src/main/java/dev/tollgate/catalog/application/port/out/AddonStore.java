package dev.tollgate.catalog.application.port.out;

import dev.tollgate.catalog.domain.Addon;

public interface AddonStore extends VersionedStore<Addon> {
}
