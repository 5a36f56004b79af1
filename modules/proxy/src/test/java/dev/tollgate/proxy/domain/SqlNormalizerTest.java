package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SqlNormalizerTest {

    private static void shape(String expected, String sql) {
        assertEquals(expected, SqlNormalizer.normalize(sql), () -> "shape of <" + sql + ">");
    }

    // ---- string literals ----

    @Test
    void replacesPlainStringsIncludingDoubledQuotes() {
        shape("SELECT * FROM users WHERE name = $1", "SELECT * FROM users WHERE name = 'O''Brien'");
        shape("SELECT $1", "SELECT ''");
        shape("SELECT $1, $2", "SELECT '''', 'a'''");
    }

    @Test
    void aBackslashIsAnOrdinaryCharacterInAPlainString() {
        // standard_conforming_strings = on (the default since 9.1): 'a\' is a complete string.
        shape("SELECT $1, $2", "SELECT 'a\\', 'b'");
        shape("SELECT $1 FROM t", "SELECT 'C:\\dir\\' FROM t");
    }

    @Test
    void escapeStringsHonourBackslashes() {
        shape("SELECT $1, $2", "SELECT E'it\\'s', 'x'");
        shape("SELECT $1 FROM t", "SELECT e'\\\\' FROM t");
        shape("SELECT $1", "SELECT E'tab\\there''s'");
        shape("SELECT $1 || $2", "SELECT E'a\\'' || 'b'");
    }

    @Test
    void unicodeBitNationalAndHexStringsAreLiterals() {
        shape("SELECT $1", "SELECT U&'d\\0061t\\+000061'");
        shape("SELECT $1", "SELECT u&'d!0061t' UESCAPE '!'");
        shape("SELECT $1, $2", "SELECT U&'x' uescape '#', 1");
        shape("SELECT $1, $2, $3, $4", "SELECT B'1010', X'1F', b'0', N'national'");
    }

    @Test
    void unicodeQuotedIdentifiersStayAsWritten() {
        shape("SELECT U&\"d\\0061t\" FROM t", "SELECT U&\"d\\0061t\" FROM t");
    }

    @Test
    void typedLiteralsKeepTheirTypeName() {
        shape("SELECT date $1, interval $2", "SELECT date '2024-01-01', interval '1 day'");
        shape("SELECT date $1", "SELECT date'2024-01-01'");
    }

    @Test
    void stringsContinuedAcrossANewlineAreOneLiteral() {
        shape("SELECT $1", "SELECT 'foo'\n'bar'");
        shape("SELECT $1", "SELECT 'foo'  \n  -- comment\n 'bar'");
        shape("SELECT $1", "SELECT E'a\\n'\n'b'");
        // Without a newline it is not a continuation (PostgreSQL rejects it; the shape keeps two literals).
        shape("SELECT $1 $2", "SELECT 'foo' 'bar'");
    }

    @Test
    void dollarQuotedStringsAreLiterals() {
        shape("SELECT $1", "SELECT $$it's $x$ here$$");
        shape("SELECT $1, $2", "SELECT $tag$a $$ b $other$ c $other$ $tag$, $q$x$q$");
        shape("DO $1", "DO $body$ BEGIN RAISE NOTICE 'x -- not a comment'; END $body$");
        shape("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $1",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1 /* inside */ $fn$");
        shape("SELECT $1", "SELECT $Tag_1$x$Tag_1$");
    }

    @Test
    void dollarSignsInsideIdentifiersAreNotQuotes() {
        shape("SELECT a$b$ FROM t$1", "SELECT a$b$ FROM t$1");
    }

    // ---- numbers ----

    @Test
    void replacesEveryFormOfNumericLiteral() {
        shape("SELECT $1, $2, $3, $4, $5, $6, $7", "SELECT 1, 1.5, .5, 1., 1.5e10, 2E-3, 6.02e+23");
        shape("SELECT $1, $2, $3", "SELECT 0x1F, 0o17, 0b1010");
        shape("SELECT $1, $2, $3", "SELECT 1_000_000, 0x_FF_FF, 1_000.000_1");
    }

    @Test
    void aNumberNeverSwallowsAnIdentifier() {
        // Before PostgreSQL 16, "SELECT 0x" is 0 AS x; an incomplete exponent is no exponent.
        shape("SELECT $1 x", "SELECT 0x");
        shape("SELECT $1 e", "SELECT 1e");
        shape("SELECT a[$1:$2]", "SELECT a[1:2]");
    }

    @Test
    void negativeConstantsAreOneLiteralWhereTheMinusIsUnary() {
        shape("SELECT $1", "SELECT -1");
        shape("SELECT * FROM t WHERE a = $1 AND b > $2", "SELECT * FROM t WHERE a = -1 AND b > -2.5");
        shape("SELECT * FROM t WHERE a=$1", "SELECT * FROM t WHERE a=-1");
        shape("SELECT f($1, $2)", "SELECT f(-1, -2)");
        shape("SELECT CASE WHEN x THEN $1 ELSE $2 END", "SELECT CASE WHEN x THEN -1 ELSE -2 END");
        shape("SELECT a<$1", "SELECT a<-1");
    }

    @Test
    void subtractionKeepsItsOperator() {
        shape("SELECT a-$1, a - $2, (a)-$3, a - $4", "SELECT a-1, a - 2, (a)-3, a - -4");
        shape("SELECT $1-$2", "SELECT 1-1");
        shape("SELECT x::int - $1", "SELECT x::int - 1");
        // A minus separated from its number by a space stays an operator.
        shape("SELECT - $1", "SELECT - 1");
        // An unreserved keyword may be a column name: "first -1" is a subtraction.
        shape("SELECT first -$1, rows -$2 FROM t", "SELECT first -1, rows -2 FROM t");
    }

    @Test
    void operatorsThatMayEndInMinusKeepIt() {
        // @- is one operator: it holds '@', so the lexer does not give the minus back.
        shape("SELECT a @-$1", "SELECT a @-1");
        shape("SELECT a |/ $1", "SELECT a |/ 25");
    }

    // ---- parameters ----

    @Test
    void numbersLiteralsAfterTheHighestExistingParameter() {
        shape("SELECT * FROM t WHERE a = $1 AND b = $3 AND c = $2", "SELECT * FROM t WHERE a = $1 AND b = 5 AND c = $2");
        // "$3" only appears in a comment: the highest existing parameter is $2.
        shape("SELECT $3, $2, $4", "SELECT 'x', $2, 7 -- $3 only in a comment");
    }

    @Test
    void inListsNumberTheLiteralsAfterThemAsIfTheyHeldOneElement() {
        shape("SELECT * FROM t WHERE x IN ($1 /*, ... */) AND y IN ($2 /*, ... */) AND z = $3",
                "SELECT * FROM t WHERE x IN (1, 2, 3) AND y IN ('a') AND z = 4");
        shape("SELECT * FROM t WHERE x IN ($1 /*, ... */) AND z = $2", "SELECT * FROM t WHERE x IN ($1, 5) AND z = 6");
    }

    @Test
    void parametersInStringsCommentsAndQuotedIdentifiersDoNotCount() {
        shape("SELECT $2, $1", "SELECT '$7', $1 /* $9 */");
        shape("SELECT \"$8\", $1", "SELECT \"$8\", 1 -- $9");
        shape("SELECT $3, $2", "SELECT $$ $5 $$, $2");
    }

    // ---- comments and whitespace ----

    @Test
    void dropsCommentsIncludingNestedOnes() {
        shape("SELECT a FROM t", "SELECT a -- the a\nFROM t -- trailing");
        shape("SELECT a FROM t", "/* leading */ SELECT /* a /* nested */ still comment */ a FROM t");
        shape("SELECT a FROM t", "SELECT/**/a/* x */FROM t");
        shape("SELECT a", "SELECT a --");
        shape("SELECT a", "SELECT a /* unterminated /* nested */");
        shape("", "-- only a comment");
        shape("", "   \n\t ");
    }

    @Test
    void canonicalisesWhitespace() {
        shape("SELECT a, b FROM t WHERE c = $1", "  SELECT\ta ,b\n\n  FROM   t\r\nWHERE c = 1  ");
        shape("SELECT f(a, b)", "SELECT f( a , b )");
        shape("SELECT x::text, s.a", "SELECT x :: text, s . a");
        shape("SELECT a[$1]", "SELECT a[ 1 ]");
        shape("SELECT $1;", "SELECT 1 ;");
    }

    @Test
    void keepsIdentifiersKeywordsAndQuotedIdentifiersAsWritten() {
        shape("select \"A b\", \"x\"\"y\" from \"My Table\" where Col = $1",
                "select \"A b\", \"x\"\"y\" from \"My Table\" where Col = 'v'");
        shape("SELECT café FROM t", "SELECT café FROM t");
    }

    @Test
    void keepsCasts() {
        shape("SELECT $1::text, $2::int[], CAST($3 AS numeric)", "SELECT 'x'::text, '{1,2}'::int[], CAST(1.5 AS numeric)");
    }

    // ---- IN lists ----

    @Test
    void squashesInListsOfConstants() {
        String one = SqlNormalizer.normalize("SELECT * FROM t WHERE id IN (1) AND s = 'x'");
        assertEquals("SELECT * FROM t WHERE id IN ($1 /*, ... */) AND s = $2", one);
        assertEquals(one, SqlNormalizer.normalize("SELECT * FROM t WHERE id IN (1, 2, 3) AND s = 'y'"));
        assertEquals(one, SqlNormalizer.normalize("SELECT * FROM t WHERE id IN (-1,2,3 , 4) AND s = 'y'"));
        shape("SELECT * FROM t WHERE s NOT IN ($1 /*, ... */)", "SELECT * FROM t WHERE s NOT IN ('a', 'b')");
        shape("SELECT * FROM t WHERE s IN ($1::text /*, ... */)", "SELECT * FROM t WHERE s IN ('a'::text, 'b'::text)");
    }

    @Test
    void squashesInListsOfParametersKeepingTheFirst() {
        shape("SELECT * FROM t WHERE id IN ($1 /*, ... */)", "SELECT * FROM t WHERE id IN ($1, $2, $3)");
        shape("SELECT * FROM t WHERE a = $1 AND id IN ($2 /*, ... */) AND b = $5",
                "SELECT * FROM t WHERE a = $1 AND id IN ($2, $3, $4) AND b = 'z'");
    }

    @Test
    void leavesOtherInOperandsAlone() {
        shape("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k = $1)", "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k = 1)");
        shape("SELECT * FROM t WHERE id IN (a, $1)", "SELECT * FROM t WHERE id IN (a, 1)");
        shape("SELECT * FROM t WHERE id IN ($1 + $2, $3)", "SELECT * FROM t WHERE id IN (1 + 2, 3)");
        shape("SELECT * FROM t WHERE id IN ()", "SELECT * FROM t WHERE id IN ()");
        shape("SELECT * FROM t WHERE (a, b) IN (($1, $2))", "SELECT * FROM t WHERE (a, b) IN ((1, 2))");
    }

    // ---- malformed input ----

    @Test
    void neverThrowsOnUnterminatedInput() {
        shape("SELECT $1", "SELECT 'abc");
        shape("SELECT $1", "SELECT E'abc\\");
        shape("SELECT $1", "SELECT $$abc");
        shape("SELECT $1", "SELECT $a$abc $b$");
        shape("SELECT \"abc", "SELECT \"abc");
        shape("SELECT a", "SELECT a /* abc");
        shape("SELECT $ x", "SELECT $ x");
        shape("SELECT $1 UESCAPE", "SELECT U&'x' UESCAPE");
        shape("SELECT * FROM t WHERE id IN ($1, $2", "SELECT * FROM t WHERE id IN (1, 2");
        shape("", "");
    }

    // ---- what shares a shape ----

    @Test
    void statementsDifferingOnlyInLiteralsWhitespaceAndCommentsShareAShape() {
        String a = SqlNormalizer.normalize("SELECT * FROM orders WHERE customer_id = 42 AND status = 'open' LIMIT 10");
        String b = SqlNormalizer.normalize("SELECT *\n  FROM orders  -- open orders\n WHERE customer_id = 7 AND status = E'paid' /* x */ LIMIT 20");
        String c = SqlNormalizer.normalize("SELECT * FROM orders WHERE customer_id = -1 AND status = $$x$$ LIMIT 1e3");
        assertEquals(a, b);
        assertEquals(a, c);
    }

    @Test
    void differentStructuresHaveDifferentShapes() {
        String base = SqlNormalizer.normalize("SELECT * FROM orders WHERE customer_id = 42");
        assertNotEquals(base, SqlNormalizer.normalize("SELECT * FROM orders WHERE customer_id > 42"));
        assertNotEquals(base, SqlNormalizer.normalize("SELECT * FROM orders WHERE order_id = 42"));
        assertNotEquals(base, SqlNormalizer.normalize("SELECT * FROM \"Orders\" WHERE customer_id = 42"));
        assertNotEquals(base, SqlNormalizer.normalize("SELECT * FROM orders WHERE customer_id = 42 AND x = 1"));
    }
}
