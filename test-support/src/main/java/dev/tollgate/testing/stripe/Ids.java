package dev.tollgate.testing.stripe;

import java.security.SecureRandom;

/** Object ids in Stripe's style: a prefix ({@code cus_}, {@code in_}, ...) and 24 random letters and digits. */
final class Ids {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next(String prefix) {
        return prefix + random(24);
    }

    static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
