package dev.tollgate.proxy.application.port.out;

/** Encrypts secrets the proxy must read back (upstream passwords) under the master key. */
public interface SecretSealer {
    String seal(String plaintext, String context);

    String open(String sealed, String context);
}
