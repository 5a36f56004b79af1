package dev.tollgate.proxy.domain;

import java.util.List;
import java.util.Set;

/**
 * A branch's schema as the schema lint reads it from {@code pg_catalog} (ADR 0071): its ordinary and partitioned tables
 * (partitions and extensions' tables left out) with their columns, their indexes and foreign keys, and the words
 * PostgreSQL reserves ({@code pg_get_keywords()}, category R). Names are as PostgreSQL stores them, unquoted.
 */
public record SchemaCatalog(List<Table> tables, List<Index> indexes, List<ForeignKey> foreignKeys, Set<String> reservedWords) {
    public SchemaCatalog {
        tables = List.copyOf(tables);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        reservedWords = Set.copyOf(reservedWords);
    }

    /** A table's schema and name; tables of {@code public} are shown by their name alone. */
    public record TableName(String schema, String name) {
        public static TableName of(String name) {
            return new TableName("public", name);
        }

        public String display() {
            return "public".equals(schema) ? name : schema + "." + name;
        }
    }

    public record Table(TableName name, boolean hasPrimaryKey, List<Column> columns) {
        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** @param type as {@code format_type} shows it: {@code character varying(255)}, {@code timestamp(3) without time zone} */
    public record Column(String name, String type) {
    }

    /**
     * One key of an index.
     *
     * @param column     the column it is, or null for an expression
     * @param expression the key as {@code pg_get_indexdef} shows it (a quoted column name or an expression)
     * @param qualifier  its operator class, ordering options and collation: two keys are the same key only with the same
     */
    public record IndexKey(String column, String expression, String qualifier) {
        public static IndexKey column(String name) {
            return new IndexKey(name, name, "");
        }
    }

    /**
     * @param method     the access method ({@code btree}, {@code hash}, {@code gin} ...)
     * @param included   the INCLUDE columns, as expressions
     * @param predicate  a partial index's WHERE, or null
     * @param constraint whether it enforces a constraint (primary key, unique, exclusion)
     * @param valid      {@code indisvalid}: false after a failed (or running) CREATE INDEX CONCURRENTLY
     */
    public record Index(TableName table, String name, String method, List<IndexKey> keys, List<String> included, String predicate,
                        boolean unique, boolean primary, boolean constraint, boolean valid) {
        public Index {
            keys = List.copyOf(keys);
            included = List.copyOf(included);
        }

        /** The plain columns of its keys, or null when a key is an expression. */
        public String columnList() {
            StringBuilder columns = new StringBuilder();
            for (IndexKey key : keys) {
                if (key.column() == null) {
                    return null;
                }
                columns.append(columns.isEmpty() ? "" : ", ").append(key.column());
            }
            return columns.toString();
        }
    }

    /** @param columns the referencing columns, in the constraint's order */
    public record ForeignKey(TableName table, String name, List<String> columns, TableName references) {
        public ForeignKey {
            columns = List.copyOf(columns);
        }
    }
}
