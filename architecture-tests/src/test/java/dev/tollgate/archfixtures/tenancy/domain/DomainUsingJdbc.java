package dev.tollgate.archfixtures.tenancy.domain;

import java.sql.Timestamp;

/** Violates 3: domain uses JDBC. */
public record DomainUsingJdbc(Timestamp at) {
}
