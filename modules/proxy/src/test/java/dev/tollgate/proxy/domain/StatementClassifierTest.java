package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification table of ADR 0052, applied to raw SQL through the normalizer as the proxy will. */
class StatementClassifierTest {

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        // reads
        "SELECT 1 | READ",
        "select * from t where id = 1 | READ",
        "VALUES (1), (2) | READ",
        "TABLE t | READ",
        "SHOW work_mem | READ",
        "(SELECT 1) UNION ALL (SELECT 2) | READ",
        "WITH a AS (SELECT 1) SELECT * FROM a | READ",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r | READ",
        "SELECT 'INSERT INTO t VALUES (1)' | READ",
        "SELECT $$ DELETE FROM t $$, E'update' | READ",
        "SELECT \"update\", \"into\" FROM t | READ",
        "SELECT a /* FOR UPDATE */ FROM t -- DELETE | READ",
        "SELECT substring(s FROM 1 FOR 2) FROM t | READ",
        "SELECT currval('s') | READ",
        "EXPLAIN SELECT 1 | READ",
        "EXPLAIN DELETE FROM t | READ",
        "EXPLAIN (COSTS OFF) UPDATE t SET a = 1 | READ",
        "EXPLAIN ANALYZE SELECT 1 | READ",
        "EXPLAIN (ANALYZE, BUFFERS) SELECT 1 | READ",
        "COPY t TO STDOUT | READ",
        "COPY (SELECT a FROM t) TO STDOUT WITH (FORMAT csv) | READ",
        "'' | READ",
        "-- nothing | READ",
        "; | READ",
        // writes
        "INSERT INTO t VALUES (1) | WRITE",
        "UPDATE t SET a = 1 | WRITE",
        "DELETE FROM t | WRITE",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE | WRITE",
        "CREATE TABLE t (id int) | WRITE",
        "ALTER TABLE t ADD COLUMN b int | WRITE",
        "DROP TABLE t | WRITE",
        "TRUNCATE t | WRITE",
        "SELECT * FROM t FOR UPDATE | WRITE",
        "SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED | WRITE",
        "SELECT * FROM t FOR SHARE | WRITE",
        "SELECT * FROM t FOR KEY SHARE | WRITE",
        "SELECT * INTO new_t FROM t | WRITE",
        "SELECT nextval('s') | WRITE",
        "SELECT pg_catalog.setval('s', 1) | WRITE",
        "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d | WRITE",
        "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a | WRITE",
        "EXPLAIN ANALYZE DELETE FROM t | WRITE",
        "EXPLAIN ANALYZE VERBOSE UPDATE t SET a = 1 | WRITE",
        "EXPLAIN (ANALYZE true, FORMAT json) INSERT INTO t VALUES (1) | WRITE",
        "COPY t FROM STDIN | WRITE",
        "COPY t (a, b) FROM STDIN WITH (FORMAT csv) | WRITE",
        "CALL p(1) | WRITE",
        "DO $$ BEGIN PERFORM 1; END $$ | WRITE",
        "LOCK TABLE t IN ACCESS EXCLUSIVE MODE | WRITE",
        "VACUUM t | WRITE",
        "ANALYZE t | WRITE",
        "GRANT SELECT ON t TO r | WRITE",
        "NOTIFY ch | WRITE",
        "EXECUTE stmt(1) | WRITE",
        "PREPARE TRANSACTION 'tx1' | WRITE",
        "COMMIT PREPARED 'tx1' | WRITE",
        "REFRESH MATERIALIZED VIEW v | WRITE",
        "SELECT 1; UPDATE t SET a = 1 | WRITE",
        "BEGIN; INSERT INTO t VALUES (1); COMMIT | WRITE",
        "\"weird\" | WRITE",
        // session
        "SET search_path TO app | SESSION",
        "SET LOCAL statement_timeout = 0 | SESSION",
        "RESET ALL | SESSION",
        "BEGIN | SESSION",
        "START TRANSACTION READ ONLY | SESSION",
        "COMMIT | SESSION",
        "ROLLBACK | SESSION",
        "ROLLBACK TO SAVEPOINT s | SESSION",
        "END | SESSION",
        "SAVEPOINT s | SESSION",
        "RELEASE SAVEPOINT s | SESSION",
        "DISCARD ALL | SESSION",
        "PREPARE q AS SELECT 1 | SESSION",
        "DEALLOCATE q | SESSION",
        "LISTEN ch | SESSION",
        "UNLISTEN * | SESSION",
        "DECLARE c CURSOR FOR SELECT 1 | SESSION",
        "FETCH 10 FROM c | SESSION",
        "CLOSE c | SESSION",
        "BEGIN; SELECT 1; COMMIT | SESSION",
    })
    void classifies(String sql, StatementKind expected) {
        assertEquals(expected, StatementClassifier.classify(SqlNormalizer.normalize(sql)), sql);
    }
}
