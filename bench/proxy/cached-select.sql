-- Repeated reads opted into Tollgate's result cache (ADR 0059): 100 accounts, each text cached after its first run.
-- Against PostgreSQL directly the annotation is only a comment. Simple protocol (-M simple) only: the cache does not
-- serve the extended protocol yet.
\set aid random(1, 100)
/* @pgbeam:cache */ SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
