package dev.tollgate.proxy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.BranchLogin;
import dev.tollgate.proxy.domain.Region;
import dev.tollgate.tenancy.api.Caller;

/**
 * PlanetScale's passwords and role credentials (ADR 0056): real PostgreSQL roles on the branch's database, whose user
 * name and password also log in at the proxy. The password is shown once, in the answer that creates it.
 */
public interface ManageBranchLoginsUseCase {
    Page<LoginView> listPasswords(Caller caller, String organization, String database, String branch, PageRequest page);

    /** @param ttlMinutes null or 0: no expiry */
    Created createPassword(Caller caller, String organization, String database, String branch, String name, String role, Double ttlMinutes);

    LoginView getPassword(Caller caller, String organization, String database, String branch, String passwordId);

    void deletePassword(Caller caller, String organization, String database, String branch, String passwordId);

    /** Another TTL from now; a password without expiry cannot be renewed. */
    LoginView renewPassword(Caller caller, String organization, String database, String branch, String passwordId);

    /** A role credential: a login that never expires (PlanetScale has no list, get or delete for these). */
    Created createRole(Caller caller, String organization, String database, String branch, String name, String role);

    /** @param hostname the database's proxy host, where clients connect with this login */
    record LoginView(BranchLogin login, Branch branch, String hostname, int port, Region region) {
    }

    record Created(LoginView login, String plainText) {
    }
}
