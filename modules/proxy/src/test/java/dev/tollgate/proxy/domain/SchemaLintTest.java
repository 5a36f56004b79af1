package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.domain.SchemaCatalog.Column;
import dev.tollgate.proxy.domain.SchemaCatalog.ForeignKey;
import dev.tollgate.proxy.domain.SchemaCatalog.Index;
import dev.tollgate.proxy.domain.SchemaCatalog.IndexKey;
import dev.tollgate.proxy.domain.SchemaCatalog.Table;
import dev.tollgate.proxy.domain.SchemaCatalog.TableName;
import dev.tollgate.proxy.domain.SchemaLint.Finding;
import dev.tollgate.proxy.domain.SchemaLint.Rule;
import dev.tollgate.proxy.domain.SchemaLint.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schema lint's rules (ADR 0071) over hand-made catalogs. */
class SchemaLintTest {
    private static final Set<String> RESERVED = Set.of("user", "order", "select", "table");

    private static Table table(String name, boolean primaryKey, Column... columns) {
        return new Table(TableName.of(name), primaryKey, List.of(columns));
    }

    private static Column column(String name, String type) {
        return new Column(name, type);
    }

    private static Index btree(String table, String name, String... columns) {
        return index(table, name, "btree", false, false, true, columns);
    }

    private static Index index(String table, String name, String method, boolean unique, boolean constraint, boolean valid, String... columns) {
        return new Index(TableName.of(table), name, method, Arrays.stream(columns).map(IndexKey::column).toList(), List.of(), null, unique,
                false, constraint, valid);
    }

    private static Index primaryKey(String table, String... columns) {
        return new Index(TableName.of(table), table + "_pkey", "btree", Arrays.stream(columns).map(IndexKey::column).toList(), List.of(), null,
                true, true, true, true);
    }

    private static List<Finding> lint(List<Table> tables, List<Index> indexes, List<ForeignKey> fks) {
        return SchemaLint.lint(new SchemaCatalog(tables, indexes, fks, RESERVED));
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(f -> f.rule().code() + " " + f.table() + (f.column() == null ? "" : "." + f.column())).toList();
    }

    @Test
    void aCleanSchemaHasNothingToSay() {
        List<Finding> findings = lint(List.of(table("customers", true, column("id", "bigint"), column("email", "text"),
                        column("created_at", "timestamp with time zone"), column("code", "character varying"))),
                List.of(primaryKey("customers", "id"), index("customers", "customers_email_key", "btree", true, true, true, "email")), List.of());
        assertEquals(List.of(), findings);
        assertEquals(List.of(), lint(List.of(), List.of(), List.of()), "an empty branch");
    }

    @Test
    void aTableWithoutPrimaryKeyIsReportedEvenWithAUniqueIndex() {
        List<Finding> findings = lint(List.of(table("events", false, column("id", "bigint"))),
                List.of(index("events", "events_id_key", "btree", true, true, true, "id")), List.of());
        assertEquals(List.of("NO_PRIMARY_KEY events"), codes(findings));
        Finding f = findings.get(0);
        assertEquals(Subject.TABLE, f.subject());
        assertNull(f.column());
        assertTrue(f.description().contains("ALTER TABLE events ADD PRIMARY KEY"), f.description());
    }

    @Test
    void aForeignKeyNeedsAnIndexStartingWithItsColumnsInAnyOrder() {
        List<Table> tables = List.of(table("orders", true, column("id", "bigint"), column("customer_id", "bigint"), column("shop_id", "bigint")),
                table("customers", true, column("id", "bigint")));
        ForeignKey single = new ForeignKey(TableName.of("orders"), "orders_customer_id_fkey", List.of("customer_id"), TableName.of("customers"));
        ForeignKey pair = new ForeignKey(TableName.of("orders"), "orders_shop_fkey", List.of("shop_id", "customer_id"), TableName.of("shops"));
        List<Index> base = List.of(primaryKey("orders", "id"), primaryKey("customers", "id"));

        List<Finding> none = lint(tables, base, List.of(single, pair));
        assertEquals(List.of("UNINDEXED_FOREIGN_KEY orders.customer_id", "UNINDEXED_FOREIGN_KEY orders.shop_id, customer_id"), codes(none));
        assertEquals(Subject.FOREIGN_KEY, none.get(0).subject());
        assertTrue(none.get(0).description().contains("CREATE INDEX CONCURRENTLY ON orders (customer_id);"), none.get(0).description());

        List<Index> leading = new ArrayList<>(base);
        leading.add(btree("orders", "orders_customer_shop", "customer_id", "shop_id", "id"));
        assertEquals(List.of(), lint(tables, leading, List.of(single, pair)), "both lead that index, the pair in another order");

        List<Index> second = new ArrayList<>(base);
        second.add(btree("orders", "orders_shop_customer", "id", "customer_id"));
        assertEquals(2, lint(tables, second, List.of(single, pair)).size(), "a column that is not leading does not help");

        List<Index> unusable = new ArrayList<>(base);
        unusable.add(index("orders", "orders_customer_gin", "gin", false, false, true, "customer_id"));
        unusable.add(index("orders", "orders_customer_bad", "btree", false, false, false, "customer_id"));
        unusable.add(new Index(TableName.of("orders"), "orders_customer_partial", "btree", List.of(IndexKey.column("customer_id")), List.of(),
                "(customer_id > 0)", false, false, false, true));
        assertEquals(List.of("UNINDEXED_FOREIGN_KEY orders.customer_id", "INVALID_INDEX orders.customer_id"),
                codes(lint(tables, unusable, List.of(single))), "a gin, an invalid and a partial index do not support it");
    }

    @Test
    void theSecondOfTwoIdenticalIndexesIsADuplicateAndThePrimaryKeyIsKept() {
        List<Table> tables = List.of(table("customers", true, column("id", "bigint"), column("email", "text")));
        List<Finding> findings = lint(tables, List.of(primaryKey("customers", "id"), btree("customers", "customers_email_a", "email"),
                btree("customers", "customers_email_b", "email"), btree("customers", "customers_id", "id")), List.of());
        assertEquals(List.of("DUPLICATE_INDEX customers.email", "REDUNDANT_INDEX customers.id"), codes(findings));
        assertTrue(findings.get(0).description().startsWith("The index customers_email_b of customers duplicates customers_email_a"),
                findings.get(0).description());
        assertTrue(findings.get(0).description().endsWith("DROP INDEX CONCURRENTLY customers_email_b;"));
        assertTrue(findings.get(1).description().startsWith("The index customers_id of customers (id) is covered by customers_pkey"),
                findings.get(1).description());

        List<Finding> constraints = lint(tables, List.of(primaryKey("customers", "id"),
                index("customers", "customers_id_key", "btree", true, true, true, "id")), List.of());
        assertEquals(1, constraints.size());
        assertTrue(constraints.get(0).description().contains("customers_id_key of customers duplicates customers_pkey"));
        assertTrue(constraints.get(0).description().contains("drop the constraint"), constraints.get(0).description());
    }

    @Test
    void differentOperatorClassesPredicatesOrMethodsAreDifferentIndexes() {
        List<Table> tables = List.of(table("customers", true, column("id", "bigint"), column("email", "text")));
        Index plain = btree("customers", "a_email", "email");
        Index pattern = new Index(TableName.of("customers"), "b_email_pattern", "btree",
                List.of(new IndexKey("email", "email", "text_pattern_ops 0 100")), List.of(), null, false, false, false, true);
        Index partial = new Index(TableName.of("customers"), "c_email_partial", "btree", List.of(IndexKey.column("email")), List.of(),
                "(id > 10)", false, false, false, true);
        Index hash = index("customers", "d_email_hash", "hash", false, false, true, "email");
        assertEquals(List.of(), lint(tables, List.of(primaryKey("customers", "id"), plain, pattern, partial, hash), List.of()));
    }

    @Test
    void anIndexLeadingAnotherOfTheSameKindIsRedundantUnlessItEnforcesOrCoversMore() {
        List<Table> tables = List.of(table("orders", true, column("id", "bigint"), column("a", "int"), column("b", "int"), column("c", "int")));
        Index pkey = primaryKey("orders", "id");
        Index a = btree("orders", "orders_a", "a");
        Index ab = btree("orders", "orders_a_b", "a", "b");
        Index ba = btree("orders", "orders_b_a", "b", "a");
        List<Finding> findings = lint(tables, List.of(pkey, a, ab, ba), List.of());
        assertEquals(List.of("REDUNDANT_INDEX orders.a"), codes(findings));
        assertTrue(findings.get(0).description().contains("orders_a of orders (a) is covered by orders_a_b (a, b)"), findings.get(0).description());

        Index uniqueA = index("orders", "orders_a_key", "btree", true, true, true, "a");
        assertEquals(List.of(), lint(tables, List.of(pkey, uniqueA, ab), List.of()), "a unique index enforces something");
        Index covering = new Index(TableName.of("orders"), "orders_a_incl_c", "btree", List.of(IndexKey.column("a")), List.of("c"), null,
                false, false, false, true);
        assertEquals(List.of(), lint(tables, List.of(pkey, covering, ab), List.of()), "it holds c for index-only scans");
        Index abc = btree("orders", "orders_a_b_c", "a", "b", "c");
        assertEquals(List.of("REDUNDANT_INDEX orders.a"), codes(lint(tables, List.of(pkey, covering, abc), List.of())));
        Index aGin = index("orders", "orders_a_gin", "gin", false, false, true, "a");
        assertEquals(List.of(), lint(tables, List.of(pkey, aGin, ab), List.of()), "another method is another kind");
        Index invalidAb = index("orders", "orders_a_b", "btree", false, false, false, "a", "b");
        assertEquals(List.of("INVALID_INDEX orders.a, b"), codes(lint(tables, List.of(pkey, a, invalidAb), List.of())),
                "an invalid index covers nothing");
    }

    @Test
    void varcharWithALengthAndTimestampWithoutTimeZoneGetAdvice() {
        List<Finding> findings = lint(List.of(table("posts", true, column("id", "bigint"), column("title", "character varying(200)"),
                column("tags", "character varying(20)[]"), column("body", "text"), column("slug", "character varying"),
                column("code", "character(3)"), column("published_at", "timestamp without time zone"),
                column("edited_at", "timestamp(3) without time zone"), column("created_at", "timestamp with time zone"),
                column("day", "date"))), List.of(primaryKey("posts", "id")), List.of());
        assertEquals(List.of("VARCHAR_LENGTH posts.tags", "VARCHAR_LENGTH posts.title", "TIMESTAMP_WITHOUT_TIME_ZONE posts.edited_at",
                "TIMESTAMP_WITHOUT_TIME_ZONE posts.published_at"), codes(findings));
        assertEquals(Subject.COLUMN, findings.get(0).subject());
        assertTrue(findings.get(2).description().contains("ALTER TABLE posts ALTER COLUMN edited_at TYPE timestamptz;"));
    }

    @Test
    void reservedWordsAsTableOrColumnNamesAreReportedAndQuotedInTheAdvice() {
        List<Finding> findings = lint(List.of(table("user", true, column("id", "bigint"), column("order", "int"), column("type", "text")),
                table("Select", true, column("id", "bigint"))), List.of(primaryKey("user", "id"), primaryKey("Select", "id")), List.of());
        assertEquals(List.of("RESERVED_WORD user", "RESERVED_WORD user.order"), codes(findings), "type is no reserved word; Select is not select");
        assertEquals(Subject.TABLE, findings.get(0).subject());
        assertEquals(Subject.COLUMN, findings.get(1).subject());
        assertTrue(findings.get(1).description().contains("ALTER TABLE \"user\" RENAME COLUMN \"order\" TO"), findings.get(1).description());
    }

    @Test
    void anInvalidIndexIsReportedWithItsDrop() {
        List<Finding> findings = lint(List.of(table("imports", true, column("id", "bigint"), column("code", "text"))),
                List.of(primaryKey("imports", "id"), index("imports", "imports_code", "btree", true, false, false, "code")), List.of());
        assertEquals(List.of("INVALID_INDEX imports.code"), codes(findings));
        assertEquals(Subject.INDEX, findings.get(0).subject());
        assertTrue(findings.get(0).description().contains("still refuses duplicates"));
        assertTrue(findings.get(0).description().endsWith("DROP INDEX CONCURRENTLY imports_code;"));
    }

    @Test
    void findingsAreSortedByTableThenRuleAndTablesOfOtherSchemasAreQualified() {
        TableName audit = new TableName("audit", "entries");
        List<Finding> findings = SchemaLint.lint(new SchemaCatalog(List.of(new Table(audit, false, List.of(column("at", "timestamp without time zone"))),
                table("b", false, column("x", "character varying(5)")), table("a", false)), List.of(), List.of(), RESERVED));
        assertEquals(List.of("NO_PRIMARY_KEY a", "NO_PRIMARY_KEY audit.entries", "TIMESTAMP_WITHOUT_TIME_ZONE audit.entries.at",
                "NO_PRIMARY_KEY b", "VARCHAR_LENGTH b.x"), codes(findings));
        assertTrue(findings.get(2).description().contains("ALTER TABLE audit.entries ALTER COLUMN at"));
        for (Rule rule : Rule.values()) {
            assertTrue(rule.docsUrl().startsWith("https://www.postgresql.org/docs/"), rule + " " + rule.docsUrl());
        }
    }

    @Test
    void namesAreQuotedWhenSqlNeedsIt() {
        assertEquals("orders", SchemaLint.quoteIfNeeded("orders", RESERVED));
        assertEquals("\"Orders\"", SchemaLint.quoteIfNeeded("Orders", RESERVED));
        assertEquals("\"user\"", SchemaLint.quoteIfNeeded("user", RESERVED));
        assertEquals("\"a\"\"b\"", SchemaLint.quoteIfNeeded("a\"b", RESERVED));
    }
}
