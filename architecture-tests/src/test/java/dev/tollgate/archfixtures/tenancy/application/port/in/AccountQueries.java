package dev.tollgate.archfixtures.tenancy.application.port.in;

/** Violates 10a: an inbound port not named <Verb><Noun>UseCase. */
public interface AccountQueries {
    String name(String id);
}
