package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values are the reference implementation's (libxxhash 0.8.1, {@code XXH64(data, len, seed)}), for prefixes
 * of one alphabet chosen to reach every branch: the empty input, the 1-, 4- and 8-byte tails, and the 32-byte stripes.
 */
class XxHash64Test {
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_".repeat(2);
    static final long GOLDEN_SEED = 0x9E3779B97F4A7C15L;

    @ParameterizedTest(name = "XXH64 of the first {0} bytes")
    @CsvSource({
        "0, ef46db3751d8e999, c4349fc93c010000",
        "1, d24ec4f1a98c6e5b, 9a7c6d2ea45568c9",
        "3, 44bc2cf5ad770999, 2ed0f59d6b43ac8b",
        "4, de0327b0d25d92cc, 5869c33eb14e1589",
        "7, 1860940e2902822d, 7c780398f88c92fa",
        "8, 3ad351775b4634b7, 83e62f9b993874d4",
        "12, 4b09b7d3a233d4b3, d64f7e9a436b1644",
        "31, 16058c7b947da137, bc36f2c037bccc08",
        "32, bf2cd639b4143b80, 032b1015d133ae93",
        "33, 4f89e4082bcbf673, 59f28b11634c110f",
        "63, 8dd739842bee4bb7, a0e0a0e75153e4f6",
        "64, 0e12d05f6446e533, 401834e35244328d",
        "100, b5d40c59d81e4498, e1e5941ac46b2f3f",
    })
    void matchesTheReferenceImplementation(int length, String seedZero, String goldenSeed) {
        String text = ALPHABET.substring(0, length);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertEquals(seedZero, QueryShape.hex(XxHash64.hash(bytes, 0, bytes.length, 0L)));
        assertEquals(seedZero, QueryShape.hex(XxHash64.hashUtf8(text)), "the ASCII path reads characters directly");
        assertEquals(goldenSeed, QueryShape.hex(XxHash64.hash(bytes, 0, bytes.length, GOLDEN_SEED)));
    }

    @ParameterizedTest(name = "XXH64 of {0}")
    @CsvSource(delimiter = '|', value = {
        "Nobody inspects the spammish repetition | fbcea83c8a378bf1",
        "SELECT * FROM t WHERE id = $1 | 910b919936f2c241",
        "SELECT 'é' FROM \"Tábla\" WHERE x = $1 AND y = $2 | a9a7730124b2be1e",
        "日本語 | 7179a19f3719f5e1",
    })
    void hashesTextAsItsUtf8Bytes(String text, String expected) {
        assertEquals(expected, QueryShape.hex(XxHash64.hashUtf8(text)));
    }

    @Test
    void hashesASliceOfABuffer() {
        byte[] framed = ("xx" + ALPHABET.substring(0, 33) + "yy").getBytes(StandardCharsets.US_ASCII);
        assertEquals("4f89e4082bcbf673", QueryShape.hex(XxHash64.hash(framed, 2, 33, 0L)));
    }
}
