-- The audit log's search finds entries by the words of their summary and resource id (each word of the search a prefix
-- of one of the entry's words), through a word index instead of the trigram one: per inserted entry a trigram index
-- adds a key for every three characters, a word index one per word. bench/audit/index-cost.sh measured the trigram
-- index at about a third of an audit insert's throughput and the word index at under a tenth (docs/perf/audit.md).
DROP INDEX IF EXISTS tenancy.audit_entries_search_idx;
CREATE INDEX audit_entries_words_idx ON tenancy.audit_entries
    USING gin (to_tsvector('simple', summary || ' ' || resource_id));
