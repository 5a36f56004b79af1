package dev.tollgate.tenancy.application.port.out;

import java.util.Optional;

/** Where the request being served came from, for the audit log; empty outside a request (jobs, callbacks). */
public interface RequestOrigin {
    Optional<String> sourceAddress();
}
