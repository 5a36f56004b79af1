package dev.tollgate.archfixtures.tenancy.adapters.out.jwt;

/** Allowed: an outbound adapter of another system. */
final class TokenSigner {
    String sign(String subject) {
        return subject;
    }
}
