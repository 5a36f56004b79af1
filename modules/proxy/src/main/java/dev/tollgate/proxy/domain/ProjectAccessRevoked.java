package dev.tollgate.proxy.domain;

import java.util.UUID;

/** A project stopped accepting connections (deleted or suspended): the data plane drops the live ones. */
public record ProjectAccessRevoked(UUID projectId) {
}
