package dev.tollgate.tenancy.application.service;

/** An API key was revoked in the transaction under way; a cached copy must go once the revocation commits. */
record ApiKeyRevoked(String secretHash) {
}
