-- The audit log's search finds entries by the words of their summary and resource id: each word of the search begins
-- one of the entry's words (docs/adr/0070). The words are computed once, when the entry is written, into a stored
-- column with a GIN index on it: a trigram index adds an index key for every three characters of each entry (18 % of
-- an audit insert's throughput in bench/audit/index-cost.sh), a word index one per word (1.2 %); and a search that
-- passes entries in order reads their stored words instead of computing them for every row it passes (~15 µs each).
DROP INDEX IF EXISTS tenancy.audit_entries_search_idx;
ALTER TABLE tenancy.audit_entries
    ADD COLUMN words tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, summary || ' ' || resource_id)) STORED;
CREATE INDEX audit_entries_words_idx ON tenancy.audit_entries USING gin (words);
