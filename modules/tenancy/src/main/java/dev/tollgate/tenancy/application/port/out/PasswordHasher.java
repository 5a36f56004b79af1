package dev.tollgate.tenancy.application.port.out;

/** A slow, salted KDF for login passwords. */
public interface PasswordHasher {
    String hash(String password);

    boolean matches(String password, String hash);
}
