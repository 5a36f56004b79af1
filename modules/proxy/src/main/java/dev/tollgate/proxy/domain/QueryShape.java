package dev.tollgate.proxy.domain;

/**
 * The shape of a statement (ADR 0052): its text with literals as {@code $n}, comments dropped and whitespace
 * canonical; a stable 64-bit id of that text (XXH64 of its UTF-8 bytes, seed 0) shown as 16 lowercase hex digits; and
 * whether the statement reads, writes or only changes session state. Statements that differ only in their literals,
 * comments, whitespace or the length of an {@code IN} list of constants share a shape.
 */
public record QueryShape(String text, long hash, StatementKind kind) {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public QueryShape {
        if (text == null || kind == null) {
            throw new IllegalArgumentException("a query shape needs its text and kind");
        }
    }

    /** The shape of SQL text as a client sent it (simple-protocol Query or extended-protocol Parse). */
    public static QueryShape of(String sql) {
        String text = SqlNormalizer.normalize(sql);
        return new QueryShape(text, XxHash64.hashUtf8(text), StatementClassifier.classify(text));
    }

    /**
     * Equal shapes have equal hashes: the hash decides first, so that a lookup of a freshly normalized text (whose
     * String has no cached hash code yet) does not hash the whole text again.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof QueryShape shape && shape.hash == hash && shape.kind == kind && shape.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    /** The hash as 16 lowercase hex characters, zero-padded: the shape's id in insights. */
    public String id() {
        return hex(hash);
    }

    public static String hex(long value) {
        char[] chars = new char[16];
        for (int i = 15; i >= 0; i--) {
            chars[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(chars);
    }
}
