-- GET /api/mentions: full-text search and keyset paging over a brand's mentions.
--
-- Search (q) is by words: the 'simple' configuration lower-cases and splits the text but neither
-- stems nor drops stop words, because posts come in every language (ingest detects it, many are
-- 'und') and a wrong-language stemmer would miss words; each query word also matches as a prefix
-- (park -> parking). It replaces lower(text) like '%q%', which read every row of the brand.
--
-- Not CONCURRENTLY: Flyway's transactional lock on PostgreSQL makes CREATE INDEX CONCURRENTLY wait
-- for Flyway itself. On a large table the build holds writes to scored_mention for its duration;
-- the consumer then waits and records stay in Kafka (docs/operations.md, sentiment-service).
create index if not exists scored_mention_text_search_idx
    on scored_mention using gin (to_tsvector('simple', text));

-- Newest first with the mention id as the tie-break: the exact order of a page, so that the next
-- page starts after the last row seen (published_at, mention_id) instead of an OFFSET.
create index if not exists scored_mention_brand_published_mention_idx
    on scored_mention (brand_id, published_at desc, mention_id);

-- The new index serves every query the old one did (its leading columns are the same).
drop index if exists scored_mention_brand_published_idx;
