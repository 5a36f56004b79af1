package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueryShapeTest {

    @Test
    void aShapeIsTheNormalizedTextItsStableIdAndItsKind() {
        QueryShape shape = QueryShape.of("SELECT * FROM t WHERE id = 42");
        assertEquals("SELECT * FROM t WHERE id = $1", shape.text());
        assertEquals(StatementKind.READ, shape.kind());
        // XXH64("SELECT * FROM t WHERE id = $1", seed 0): the same on every JVM, version and machine.
        assertEquals("910b919936f2c241", shape.id());
        assertEquals(0x910b919936f2c241L, shape.hash());
    }

    @Test
    void idsAreHardCodedSoThatAnAlgorithmChangeIsNoticed() {
        assertEquals("ef46db3751d8e999", QueryShape.of("-- nothing").id()); // XXH64 of the empty text
        QueryShape update = QueryShape.of("UPDATE accounts SET balance = balance - 100.00 WHERE id = 'a1'");
        assertEquals("UPDATE accounts SET balance = balance - $1 WHERE id = $2", update.text());
        assertEquals(StatementKind.WRITE, update.kind());
        assertEquals(QueryShape.hex(XxHash64.hashUtf8(update.text())), update.id());
        assertEquals("cddab749a73c40de", update.id());
    }

    @Test
    void statementsThatDifferOnlyInLiteralsShareAnId() {
        QueryShape a = QueryShape.of("SELECT * FROM t WHERE id IN (1, 2, 3) AND name = 'x'");
        QueryShape b = QueryShape.of("SELECT  *\n FROM t WHERE id IN (4) /* c */ AND name = E'y'");
        assertEquals(a, b);
        assertNotEquals(a.id(), QueryShape.of("SELECT * FROM t WHERE id IN (1, 2, 3) OR name = 'x'").id());
    }

    @Test
    void equalityIsDecidedByHashThenText() {
        QueryShape a = QueryShape.of("SELECT * FROM t WHERE id = 1");
        QueryShape b = QueryShape.of("SELECT * FROM t WHERE id = 2");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(Long.hashCode(a.hash()), a.hashCode(), "the 64-bit hash, not the text, is hashed");
        // The same hash with another text (a collision, forced here) is still another shape.
        assertNotEquals(a, new QueryShape("SELECT other", a.hash(), a.kind()));
        assertNotEquals(a, new QueryShape(a.text(), a.hash(), StatementKind.WRITE));
    }

    @Test
    void hexIsZeroPaddedLowercase() {
        assertEquals("0000000000000000", QueryShape.hex(0));
        assertEquals("00000000000000ff", QueryShape.hex(255));
        assertEquals("ffffffffffffffff", QueryShape.hex(-1));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> QueryShape.of(null));
        assertThrows(IllegalArgumentException.class, () -> new QueryShape(null, 0, StatementKind.READ));
    }
}
