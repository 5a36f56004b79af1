package dev.tollgate.archfixtures.tenancy.application.port.out;

/** Violates 10b: an outbound port that is a class, not an interface. */
public abstract class AbstractAccountStore {
}
