package dev.tollgate.archfixtures.tenancy.domain;

import io.micronaut.http.HttpStatus;

/** Violates 3: domain uses a framework type. */
public record DomainUsingMicronaut(HttpStatus status) {
}
