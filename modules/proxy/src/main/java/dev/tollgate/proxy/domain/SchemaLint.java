package dev.tollgate.proxy.domain;

import dev.tollgate.proxy.domain.SchemaCatalog.Column;
import dev.tollgate.proxy.domain.SchemaCatalog.ForeignKey;
import dev.tollgate.proxy.domain.SchemaCatalog.Index;
import dev.tollgate.proxy.domain.SchemaCatalog.IndexKey;
import dev.tollgate.proxy.domain.SchemaCatalog.Table;
import dev.tollgate.proxy.domain.SchemaCatalog.TableName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PlanetScale's schema lint for PostgreSQL (ADR 0071): what a branch's catalog says that a person should look at. Each
 * finding has a stable code ({@link Rule}), the kind of thing it is about, its table, its column where one applies and
 * a message that says what to do. Findings come sorted by table, then rule, then column.
 */
public final class SchemaLint {
    private SchemaLint() {
    }

    /** The rules, in the order a table's findings are listed. Codes never change: clients match on them. */
    public enum Rule {
        NO_PRIMARY_KEY("https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-PRIMARY-KEYS"),
        RESERVED_WORD("https://www.postgresql.org/docs/current/sql-keywords-appendix.html"),
        UNINDEXED_FOREIGN_KEY("https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK"),
        INVALID_INDEX("https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY"),
        DUPLICATE_INDEX("https://www.postgresql.org/docs/current/indexes-intro.html"),
        REDUNDANT_INDEX("https://www.postgresql.org/docs/current/indexes-multicolumn.html"),
        VARCHAR_LENGTH("https://www.postgresql.org/docs/current/datatype-character.html"),
        TIMESTAMP_WITHOUT_TIME_ZONE("https://www.postgresql.org/docs/current/datatype-datetime.html");

        private final String docsUrl;

        Rule(String docsUrl) {
            this.docsUrl = docsUrl;
        }

        /** The {@code lint_error} clients see. */
        public String code() {
            return name();
        }

        public String docsUrl() {
            return docsUrl;
        }
    }

    /** What a finding is about. */
    public enum Subject {
        TABLE, COLUMN, INDEX, FOREIGN_KEY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param column the column (or the columns, comma-separated) it is about; null where none applies */
    public record Finding(Rule rule, Subject subject, String table, String column, String description) {
    }

    private static final Pattern VARCHAR = Pattern.compile("character varying\\(\\d+\\)(\\[\\])*");
    private static final Pattern TIMESTAMP = Pattern.compile("timestamp(\\(\\d\\))? without time zone(\\[\\])*");
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");

    public static List<Finding> lint(SchemaCatalog catalog) {
        List<Finding> findings = new ArrayList<>();
        Set<String> reserved = catalog.reservedWords();
        Map<TableName, List<Index>> indexes = new LinkedHashMap<>();
        for (Index index : catalog.indexes()) {
            indexes.computeIfAbsent(index.table(), t -> new ArrayList<>()).add(index);
        }
        Set<TableName> linted = new HashSet<>();
        for (Table table : catalog.tables()) {
            linted.add(table.name());
            tableRules(table, reserved, findings);
        }
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (linted.contains(fk.table()) && !supported(fk, indexes.getOrDefault(fk.table(), List.of()))) {
                findings.add(unindexed(fk, reserved));
            }
        }
        indexes.forEach((table, ofTable) -> {
            if (linted.contains(table)) {
                indexRules(ofTable, reserved, findings);
            }
        });
        findings.sort(Comparator.comparing(Finding::table).thenComparing(Finding::rule)
                .thenComparing(f -> f.column() == null ? "" : f.column()).thenComparing(Finding::description));
        return List.copyOf(findings);
    }

    private static void tableRules(Table table, Set<String> reserved, List<Finding> findings) {
        String name = table.name().display();
        String sql = sqlName(table.name(), reserved);
        if (!table.hasPrimaryKey()) {
            findings.add(new Finding(Rule.NO_PRIMARY_KEY, Subject.TABLE, name, null, "The table " + name + " has no primary key: its rows"
                    + " have no identity that logical replication, tools and deploy requests can rely on, and duplicate rows cannot be"
                    + " told apart. Add one, e.g. ALTER TABLE " + sql + " ADD PRIMARY KEY (...), or an identity column as key."));
        }
        if (reserved.contains(table.name().name())) {
            findings.add(new Finding(Rule.RESERVED_WORD, Subject.TABLE, name, null, "The table name " + table.name().name()
                    + " is a reserved word in PostgreSQL: every statement must quote it (" + quote(table.name().name())
                    + "), and tools and ORMs that do not will fail. Rename it: ALTER TABLE " + sql + " RENAME TO ...;"));
        }
        for (Column column : table.columns()) {
            String col = quoteIfNeeded(column.name(), reserved);
            if (reserved.contains(column.name())) {
                findings.add(new Finding(Rule.RESERVED_WORD, Subject.COLUMN, name, column.name(), "The column name " + column.name()
                        + " of " + name + " is a reserved word in PostgreSQL: every statement must quote it (" + quote(column.name())
                        + "), and tools and ORMs that do not will fail. Rename it: ALTER TABLE " + sql + " RENAME COLUMN " + col
                        + " TO ...;"));
            }
            if (VARCHAR.matcher(column.type()).matches()) {
                findings.add(new Finding(Rule.VARCHAR_LENGTH, Subject.COLUMN, name, column.name(), "The column " + column.name() + " of "
                        + name + " is " + column.type() + ": in PostgreSQL varchar(n) is text with a length check, stored and compared"
                        + " the same way, and changing the limit later takes an ALTER TABLE. Prefer text, with a CHECK (length(" + col
                        + ") <= n) constraint where the limit is a rule of the data."));
            }
            if (TIMESTAMP.matcher(column.type()).matches()) {
                findings.add(new Finding(Rule.TIMESTAMP_WITHOUT_TIME_ZONE, Subject.COLUMN, name, column.name(), "The column "
                        + column.name() + " of " + name + " is " + column.type() + ": it stores a wall-clock reading without its time"
                        + " zone, so what a value means depends on the writer's TimeZone setting, and daylight saving makes some"
                        + " readings ambiguous. Prefer timestamptz (timestamp with time zone), which stores an instant: ALTER TABLE "
                        + sql + " ALTER COLUMN " + col + " TYPE timestamptz;"));
            }
        }
    }

    /**
     * An index supports a foreign key when its leading keys are the key's columns (in any order), it covers every row
     * (no predicate), is valid, and can find equal values: a btree, or a hash over a single column.
     */
    private static boolean supported(ForeignKey fk, List<Index> indexes) {
        int n = fk.columns().size();
        Set<String> wanted = new HashSet<>(fk.columns());
        for (Index index : indexes) {
            boolean method = index.method().equals("btree") || (index.method().equals("hash") && n == 1);
            if (!index.valid() || index.predicate() != null || !method || index.keys().size() < n) {
                continue;
            }
            Set<String> leading = new HashSet<>();
            for (IndexKey key : index.keys().subList(0, n)) {
                leading.add(key.column());
            }
            if (leading.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static Finding unindexed(ForeignKey fk, Set<String> reserved) {
        String table = fk.table().display();
        String columns = String.join(", ", fk.columns());
        List<String> quoted = fk.columns().stream().map(c -> quoteIfNeeded(c, reserved)).toList();
        return new Finding(Rule.UNINDEXED_FOREIGN_KEY, Subject.FOREIGN_KEY, table, columns, "The foreign key " + fk.name() + " of " + table
                + " (" + columns + ") references " + fk.references().display() + ", but no index of " + table + " starts with "
                + (fk.columns().size() == 1 ? "its column" : "its columns") + ": every DELETE of a referenced row, or change of its key,"
                + " scans " + table + ", and joins on the key cannot use an index. CREATE INDEX CONCURRENTLY ON " + sqlName(fk.table(), reserved)
                + " (" + String.join(", ", quoted) + ");");
    }

    /** Same keys, method, INCLUDE columns, predicate and uniqueness: the same index twice. */
    private record Signature(String method, List<IndexKey> keys, List<String> included, String predicate, boolean unique) {
        static Signature of(Index index) {
            return new Signature(index.method(), index.keys(), index.included(), index.predicate(), index.unique());
        }
    }

    /** A primary key is kept over a constraint's index, which is kept over a plain one; then the first by name. */
    private static final Comparator<Index> KEPT_FIRST = Comparator.comparing((Index i) -> !i.primary())
            .thenComparing(i -> !i.constraint()).thenComparing(Index::name);

    private static void indexRules(List<Index> indexes, Set<String> reserved, List<Finding> findings) {
        List<Index> valid = new ArrayList<>();
        for (Index index : indexes) {
            if (index.valid()) {
                valid.add(index);
            } else {
                findings.add(invalid(index, reserved));
            }
        }
        Set<String> reported = new HashSet<>();
        Map<Signature, List<Index>> same = new LinkedHashMap<>();
        for (Index index : valid) {
            same.computeIfAbsent(Signature.of(index), s -> new ArrayList<>()).add(index);
        }
        for (List<Index> group : same.values()) {
            if (group.size() < 2) {
                continue;
            }
            List<Index> sorted = new ArrayList<>(group);
            sorted.sort(KEPT_FIRST);
            Index kept = sorted.get(0);
            for (Index duplicate : sorted.subList(1, sorted.size())) {
                reported.add(duplicate.name());
                findings.add(new Finding(Rule.DUPLICATE_INDEX, Subject.INDEX, duplicate.table().display(), duplicate.columnList(),
                        "The index " + duplicate.name() + " of " + duplicate.table().display() + " duplicates " + kept.name()
                                + ": the same keys, method and predicate. Every write maintains both and queries use one. "
                                + drop(duplicate, reserved)));
            }
        }
        for (Index index : valid) {
            if (reported.contains(index.name())) {
                continue;
            }
            for (Index other : valid) {
                if (other != index && !reported.contains(other.name()) && redundantTo(index, other)
                        && !(redundantTo(other, index) && other.name().compareTo(index.name()) > 0)) {
                    findings.add(new Finding(Rule.REDUNDANT_INDEX, Subject.INDEX, index.table().display(), index.columnList(),
                            "The index " + index.name() + " of " + index.table().display() + " (" + keys(index) + ") is covered by "
                                    + other.name() + " (" + keys(other) + "), which starts with the same keys and is of the same kind:"
                                    + " the queries it serves can use " + other.name() + ", and every write maintains both. "
                                    + drop(index, reserved)));
                    break;
                }
            }
        }
    }

    /**
     * {@code index} is redundant beside {@code other} when it enforces nothing, both are btrees with the same predicate,
     * its keys lead {@code other}'s (same columns or expressions, operator classes, ordering and collations) and
     * {@code other} holds its INCLUDE columns too; and they are not the same index twice (a duplicate, reported as such).
     */
    static boolean redundantTo(Index index, Index other) {
        if (index.unique() || index.constraint() || !index.method().equals("btree") || !other.method().equals("btree")
                || !Objects.equals(index.predicate(), other.predicate()) || index.keys().size() > other.keys().size()
                || Signature.of(index).equals(Signature.of(other))) {
            return false;
        }
        if (!other.keys().subList(0, index.keys().size()).equals(index.keys())) {
            return false;
        }
        Set<String> held = new HashSet<>(other.included());
        other.keys().forEach(k -> held.add(k.expression()));
        return held.containsAll(index.included());
    }

    private static Finding invalid(Index index, Set<String> reserved) {
        return new Finding(Rule.INVALID_INDEX, Subject.INDEX, index.table().display(), index.columnList(), "The index " + index.name()
                + " of " + index.table().display() + " (" + keys(index) + ") is invalid: a CREATE INDEX CONCURRENTLY or REINDEX"
                + " CONCURRENTLY failed (or is still running). Queries never use it, yet every write still maintains it"
                + (index.unique() ? " and it still refuses duplicates" : "") + ". Drop it and build it again: DROP INDEX CONCURRENTLY "
                + sqlIndex(index, reserved) + ";");
    }

    private static String drop(Index index, Set<String> reserved) {
        return index.constraint()
                ? "It enforces a constraint: drop the constraint (ALTER TABLE " + sqlName(index.table(), reserved) + " DROP CONSTRAINT ...)."
                : "Drop it: DROP INDEX CONCURRENTLY " + sqlIndex(index, reserved) + ";";
    }

    private static String keys(Index index) {
        return String.join(", ", index.keys().stream().map(IndexKey::expression).toList());
    }

    private static String sqlIndex(Index index, Set<String> reserved) {
        String name = quoteIfNeeded(index.name(), reserved);
        return "public".equals(index.table().schema()) ? name : quoteIfNeeded(index.table().schema(), reserved) + "." + name;
    }

    private static String sqlName(TableName table, Set<String> reserved) {
        String name = quoteIfNeeded(table.name(), reserved);
        return "public".equals(table.schema()) ? name : quoteIfNeeded(table.schema(), reserved) + "." + name;
    }

    /** How SQL must spell a name: as is when it is lower case and no reserved word, else quoted. */
    static String quoteIfNeeded(String name, Set<String> reserved) {
        return PLAIN_NAME.matcher(name).matches() && !reserved.contains(name) ? name : quote(name);
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
