package dev.tollgate.proxy.domain;

import java.nio.charset.StandardCharsets;

/**
 * XXH64 (xxHash, 64-bit variant), written from its specification
 * (<a href="https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md">xxhash_spec.md</a>): a stable,
 * well-specified hash whose value for a given byte sequence and seed is the same on every JVM, version and machine.
 * Text is hashed as its UTF-8 bytes; pure-ASCII text is read straight from its characters, without a byte copy.
 */
public final class XxHash64 {
    private static final long PRIME64_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME64_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME64_3 = 0x165667B19E3779F9L;
    private static final long PRIME64_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME64_5 = 0x27D4EB2F165667C5L;

    private XxHash64() {
    }

    /** XXH64 of the UTF-8 encoding of {@code text} with seed 0. */
    public static long hashUtf8(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                return hash(bytes, 0, bytes.length, 0L);
            }
        }
        return hashAscii(text, n, 0L);
    }

    /** XXH64 of {@code bytes[offset, offset + length)} with the given seed. */
    public static long hash(byte[] bytes, int offset, int length, long seed) {
        int p = offset;
        int end = offset + length;
        long acc;
        if (length >= 32) {
            long v1 = seed + PRIME64_1 + PRIME64_2;
            long v2 = seed + PRIME64_2;
            long v3 = seed;
            long v4 = seed - PRIME64_1;
            int limit = end - 32;
            do {
                v1 = round(v1, long64(bytes, p));
                v2 = round(v2, long64(bytes, p + 8));
                v3 = round(v3, long64(bytes, p + 16));
                v4 = round(v4, long64(bytes, p + 24));
                p += 32;
            } while (p <= limit);
            acc = converge(v1, v2, v3, v4);
        } else {
            acc = seed + PRIME64_5;
        }
        acc += length;
        while (p + 8 <= end) {
            acc = lane8(acc, long64(bytes, p));
            p += 8;
        }
        if (p + 4 <= end) {
            acc = lane4(acc, int32(bytes, p));
            p += 4;
        }
        while (p < end) {
            acc = lane1(acc, bytes[p] & 0xFF);
            p++;
        }
        return avalanche(acc);
    }

    /** The same algorithm over characters that are all below 0x80 (so each is its own UTF-8 byte). */
    private static long hashAscii(CharSequence s, int length, long seed) {
        int p = 0;
        long acc;
        if (length >= 32) {
            long v1 = seed + PRIME64_1 + PRIME64_2;
            long v2 = seed + PRIME64_2;
            long v3 = seed;
            long v4 = seed - PRIME64_1;
            int limit = length - 32;
            do {
                v1 = round(v1, long64(s, p));
                v2 = round(v2, long64(s, p + 8));
                v3 = round(v3, long64(s, p + 16));
                v4 = round(v4, long64(s, p + 24));
                p += 32;
            } while (p <= limit);
            acc = converge(v1, v2, v3, v4);
        } else {
            acc = seed + PRIME64_5;
        }
        acc += length;
        while (p + 8 <= length) {
            acc = lane8(acc, long64(s, p));
            p += 8;
        }
        if (p + 4 <= length) {
            acc = lane4(acc, int32(s, p));
            p += 4;
        }
        while (p < length) {
            acc = lane1(acc, s.charAt(p));
            p++;
        }
        return avalanche(acc);
    }

    private static long round(long acc, long lane) {
        acc += lane * PRIME64_2;
        acc = Long.rotateLeft(acc, 31);
        return acc * PRIME64_1;
    }

    private static long mergeAccumulator(long acc, long v) {
        acc ^= round(0, v);
        return acc * PRIME64_1 + PRIME64_4;
    }

    private static long converge(long v1, long v2, long v3, long v4) {
        long acc = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
        acc = mergeAccumulator(acc, v1);
        acc = mergeAccumulator(acc, v2);
        acc = mergeAccumulator(acc, v3);
        return mergeAccumulator(acc, v4);
    }

    private static long lane8(long acc, long lane) {
        acc ^= round(0, lane);
        return Long.rotateLeft(acc, 27) * PRIME64_1 + PRIME64_4;
    }

    private static long lane4(long acc, long lane) {
        acc ^= lane * PRIME64_1;
        return Long.rotateLeft(acc, 23) * PRIME64_2 + PRIME64_3;
    }

    private static long lane1(long acc, int lane) {
        acc ^= lane * PRIME64_5;
        return Long.rotateLeft(acc, 11) * PRIME64_1;
    }

    private static long avalanche(long acc) {
        acc ^= acc >>> 33;
        acc *= PRIME64_2;
        acc ^= acc >>> 29;
        acc *= PRIME64_3;
        return acc ^ (acc >>> 32);
    }

    /** Little-endian, as the specification reads lanes. */
    private static long long64(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
                | (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48 | (b[p + 7] & 0xFFL) << 56;
    }

    private static long int32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    private static long long64(CharSequence s, int p) {
        return (long) s.charAt(p) | (long) s.charAt(p + 1) << 8 | (long) s.charAt(p + 2) << 16 | (long) s.charAt(p + 3) << 24
                | (long) s.charAt(p + 4) << 32 | (long) s.charAt(p + 5) << 40 | (long) s.charAt(p + 6) << 48
                | (long) s.charAt(p + 7) << 56;
    }

    private static long int32(CharSequence s, int p) {
        return (long) s.charAt(p) | (long) s.charAt(p + 1) << 8 | (long) s.charAt(p + 2) << 16 | (long) s.charAt(p + 3) << 24;
    }
}
