package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Arbitrary text — most of it malformed SQL — never makes the shape code throw or loop. */
class QueryShapeRobustnessTest {
    private static final String[] PIECES = {
        "'", "''", "\"", "$", "$$", "$a$", "$1", "$12", "E'", "e'\\'", "U&'", "U&\"", "UESCAPE", "B'", "X'", "N'",
        "--", "/*", "*/", "\n", "\r", " ", "\t", "\\", "(", ")", "[", "]", ",", ";", ":", "::", ".", "..", "-", "+",
        "=", "<>", "@-", "0x", "0x1F", "1_000", "1.5e", "1e-3", ".5", "9", "IN", "in", "SELECT", "WITH", "EXPLAIN",
        "ANALYZE", "COPY", "TO", "FROM", "FOR", "UPDATE", "nextval", "a", "é", "日", "\u00a0"
    };

    @Test
    void randomTextNeverBreaksTheNormalizerOrTheClassifier() {
        Random random = new Random(18);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sql = new StringBuilder();
            int pieces = random.nextInt(24);
            for (int p = 0; p < pieces; p++) {
                sql.append(PIECES[random.nextInt(PIECES.length)]);
            }
            QueryShape shape = QueryShape.of(sql.toString());
            assertNotNull(shape.kind());
            assertEquals(16, shape.id().length());
        }
    }

    @Test
    void everyPrefixOfAStatementHasAShape() {
        String sql = "WITH d AS (DELETE FROM t WHERE id IN (1, -2, $3) RETURNING *) SELECT E'a\\'b', $q$x$q$, "
                + "U&'d!0061' UESCAPE '!', 0x1F /* c /* n */ */ FROM d -- end\n WHERE x = 'y'\n'z'";
        for (int end = 0; end <= sql.length(); end++) {
            assertNotNull(QueryShape.of(sql.substring(0, end)));
        }
        assertEquals("WITH d AS (DELETE FROM t WHERE id IN ($4 /*, ... */) RETURNING *) SELECT $5, $6, $7, $8 FROM d WHERE x = $9",
                QueryShape.of(sql).text());
    }
}
