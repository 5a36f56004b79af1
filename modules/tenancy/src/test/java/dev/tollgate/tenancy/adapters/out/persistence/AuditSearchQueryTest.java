package dev.tollgate.tenancy.adapters.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AuditSearchQueryTest {
    @Test
    void eachWordIsAPrefixThatMustMatch() {
        assertEquals("'renamed':*", AuditSearchQuery.of("renamed"));
        assertEquals("'api':* & 'key_01m9':*", AuditSearchQuery.of("  api   key_01m9 "));
        assertEquals("'alice@example.com':* & 'db.example.com':*", AuditSearchQuery.of("alice@example.com db.example.com"));
    }

    @Test
    void textQuerySyntaxCannotShapeTheQuery() {
        assertEquals("'a':* & 'b':*", AuditSearchQuery.of("a' & b:*"));
        assertEquals("'x':*", AuditSearchQuery.of("!(x) |"));
        assertNull(AuditSearchQuery.of("%%% ':* | !( &"));
    }

    @Test
    void theConditionQuotesTheQueryAsOneLiteral() {
        assertEquals("words @@ to_tsquery('simple', '''a'':* & ''b'':*')", AuditSearchQuery.condition(AuditSearchQuery.of("a' & b")));
        assertEquals("words @@ to_tsquery('simple', '''it''''s'':*')", AuditSearchQuery.condition("'it''s':*"));
    }
}
