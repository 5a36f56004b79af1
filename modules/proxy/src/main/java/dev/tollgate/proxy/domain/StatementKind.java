package dev.tollgate.proxy.domain;

/**
 * What a statement does, as far as its tokens tell (ADR 0052). When in doubt a statement is a {@link #WRITE}: calling
 * a write a read could send it to a replica or serve it from a cache, calling a read a write only costs a hop.
 */
public enum StatementKind {
    /** Reads data and changes nothing: plain SELECT / VALUES / TABLE / SHOW, WITH … SELECT, EXPLAIN without ANALYZE. */
    READ,
    /** Changes data, schema, locks or sequences, or may do so (DML, DDL, CALL, DO, COPY FROM, FOR UPDATE, nextval, …). */
    WRITE,
    /**
     * Changes only the session or transaction state, not data: SET/RESET, transaction control (BEGIN, COMMIT, …,
     * SAVEPOINT), DISCARD, SQL-level PREPARE/DEALLOCATE, LISTEN/UNLISTEN and cursors (DECLARE, FETCH, MOVE, CLOSE). Such
     * a statement must run on the connection the session uses, never on another.
     */
    SESSION
}
