package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which sequential scans of a generic plan want an index, and which one. */
class IndexAdviceTest {
    @Test
    void plainColumnsComparedWithParametersWantAnIndexOnABigTable() {
        IndexAdvice advice = IndexAdvice.of("public.users", "(u.email = $1)", 50_000);
        assertEquals(List.of("email"), advice.columns());
        assertEquals("users", advice.table());
        assertEquals("CREATE INDEX CONCURRENTLY ON public.users (email);", advice.ddl());
        assertEquals(List.of("org_id", "created_at"),
                IndexAdvice.of("public.events", "((events.org_id = $1) AND (events.created_at > $2))", 5_000).columns());
        assertEquals(List.of("status"), IndexAdvice.of("public.orders", "(orders.status = ANY ($1))", 5_000).columns());
        assertEquals(List.of("name"), IndexAdvice.of("public.plans", "(plans.name = $1::text)", 5_000).columns());
    }

    @Test
    void smallTablesExpressionsAndOddNamesAreLeftToAPerson() {
        assertNull(IndexAdvice.of("public.users", "(u.email = $1)", 999), "a small table scans as fast");
        assertNull(IndexAdvice.of("public.users", "(lower(u.email) = $1)", 50_000), "an expression index is a decision");
        assertNull(IndexAdvice.of("public.users", "(u.\"Email\" = $1)", 50_000));
        assertNull(IndexAdvice.of("public.users", "(u.a = u.b)", 50_000), "no parameter compared");
        assertNull(IndexAdvice.of("public.\"Users\"", "(a = $1)", 50_000));
        assertNull(IndexAdvice.of("public.users", null, 50_000));
    }

    @Test
    void theKeyIsStableAcrossLooks() {
        assertEquals(IndexAdvice.of("public.users", "(u.email = $1)", 50_000).key(),
                IndexAdvice.of("public.users", "(users.email = $2)", 80_000).key());
    }
}
