package dev.tollgate.platform.domain;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDClock;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * Prefixed public identifiers such as {@code org_01jd5x...}: a type prefix, an underscore and a UUIDv7
 * written as 26 lowercase Crockford base32 characters (the TypeID format). Time-ordered, so they also sort
 * by creation in indexes and keyset pages.
 */
public final class TypeId {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final TimeBasedEpochGenerator UUID_V7 = generator(UUIDClock.systemTimeClock());

    private TypeId() {
    }

    public static UUID newUuid() {
        return UUID_V7.generate();
    }

    /**
     * The generator behind {@link #newUuid()}, on the given clock; package-private so a test can stop the clock and
     * check that ids made within one millisecond still ascend (this generator counts up within a millisecond,
     * where a purely random one would not).
     */
    static TimeBasedEpochGenerator generator(UUIDClock clock) {
        return Generators.timeBasedEpochGenerator(null, clock); // null: the library's shared SecureRandom
    }

    /** A fresh id with the given prefix, e.g. {@code generate("org")}. */
    public static String generate(String prefix) {
        return format(prefix, newUuid());
    }

    public static String format(String prefix, UUID uuid) {
        return prefix + "_" + encode(uuid);
    }

    /** The UUID inside {@code id}, or an exception if it is not a well-formed id with this prefix. */
    public static UUID parse(String prefix, String id) {
        String head = prefix + "_";
        if (id == null || !id.startsWith(head) || id.length() != head.length() + 26) {
            throw new IllegalArgumentException("not a " + prefix + " id: " + id);
        }
        return decode(id.substring(head.length()));
    }

    static String encode(UUID uuid) {
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        char[] out = new char[26];
        // 130 bits (two leading zero bits + 128), read five at a time from the most significant end.
        for (int i = 25; i >= 0; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | (hi << 59);
            hi = hi >>> 5;
        }
        return new String(out);
    }

    static UUID decode(String text) {
        if (text.charAt(0) > '7') {
            throw new IllegalArgumentException("id suffix overflows 128 bits: " + text);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 26; i++) {
            int value = indexOf(text.charAt(i));
            hi = (hi << 5) | (lo >>> 59);
            lo = (lo << 5) | value;
        }
        return new UUID(hi, lo);
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a base32 character: " + c);
    }
}
