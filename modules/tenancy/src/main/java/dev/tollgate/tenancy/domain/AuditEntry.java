package dev.tollgate.tenancy.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One recorded change: who ({@code actorType}, {@code actorId}), to what ({@code resourceType}, {@code resourceId}),
 * what ({@code type}, {@code summary}, the fields {@code before} and {@code after}), from where and when. Entries are
 * never changed once written; {@code id} is time-ordered and is the entry's place in the log.
 */
public record AuditEntry(UUID id, UUID organizationId, String actorType, String actorId, String resourceType, String resourceId,
                         String type, String summary, Map<String, Object> before, Map<String, Object> after, String sourceAddress,
                         Instant at) {
    public static final String ID_PREFIX = "aud";
    /** A value written in place of anything whose key names a secret. */
    public static final String REDACTED = "[redacted]";
    private static final int MAX_SUMMARY = 500;
    /** Where camel case turns a word: {@code plainText} reads as {@code plain_Text}. */
    private static final java.util.regex.Pattern CAMEL_BOUNDARY = java.util.regex.Pattern.compile("([a-z0-9])([A-Z])");
    private static final java.util.regex.Pattern NON_WORD = java.util.regex.Pattern.compile("[^a-z0-9]+");
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "secret", "token", "plaintext", "plain", "passphrase", "private");
    /** A key ending in one of these describes a secret without being one ({@code token_id}, {@code password_expires_at}). */
    private static final Set<String> DESCRIPTIVE_ENDINGS = Set.of("id", "ids", "name", "prefix", "count", "at", "expires", "ttl", "role", "changed", "set", "rotated");

    public AuditEntry {
        require(actorType, "actorType");
        require(actorId, "actorId");
        require(resourceType, "resourceType");
        require(resourceId, "resourceId");
        require(type, "type");
        summary = summary == null || summary.isBlank() ? type : summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary;
        before = redacted(before);
        after = redacted(after);
    }

    /** The last id's milliseconds and its 12-bit count within them (UUIDv7's "rand_a"), to order one millisecond's ids. */
    private static final java.util.concurrent.atomic.AtomicLong LAST = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A UUIDv7 of {@code at}: its milliseconds, a count that keeps the ids given out within one millisecond (one
     * transaction's entries) in the order they were made, and random bits. Entries sort by id as by time, so newest
     * first, the cursor and a date range are all one index on the id.
     */
    public static UUID idAt(Instant at) {
        long ms = at.toEpochMilli();
        long next = LAST.updateAndGet(previous -> (previous >>> 12) == ms ? previous + 1 : ms << 12);
        long msb = ((next >>> 12) << 16) | 0x7000L | (next & 0x0FFFL);
        long lsb = (java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The smallest id an entry of {@code at}'s millisecond or later can have: a date bound as an id bound. */
    public static UUID firstIdAt(Instant at) {
        return new UUID((at.toEpochMilli() << 16) | 0x7000L, 0x8000_0000_0000_0000L);
    }

    public String publicId() {
        return dev.tollgate.platform.domain.TypeId.format(ID_PREFIX, id);
    }

    /** The fields, with every value whose key names a secret replaced by {@link #REDACTED}, nested maps included. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> redacted(Map<String, ?> fields) {
        if (fields == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (namesSecret(key)) {
                out.put(key, value == null ? null : REDACTED);
            } else if (value instanceof Map<?, ?> nested) {
                out.put(key, redacted((Map<String, ?>) nested));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /** Whether {@code key} (snake, kebab or camel case) names a secret: a secret word in it, and not a word about one last. */
    static boolean namesSecret(String key) {
        List<String> words = List.of(NON_WORD.split(CAMEL_BOUNDARY.matcher(key).replaceAll("$1_$2").toLowerCase(Locale.ROOT)));
        return words.stream().anyMatch(SECRET_WORDS::contains) && !DESCRIPTIVE_ENDINGS.contains(words.get(words.size() - 1));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs " + name);
        }
    }
}
