package dev.tollgate.platform.domain;

import java.util.regex.Pattern;

/** The shape every email address Tollgate accepts has: local part, @, a dotted domain; at most 254 characters. */
public final class EmailAddress {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private EmailAddress() {
    }

    public static boolean isValid(String text) {
        return text != null && text.length() <= 254 && text.indexOf('\u0000') < 0 && SHAPE.matcher(text.strip()).matches();
    }
}
