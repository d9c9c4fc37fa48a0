-- The language ingest detected (ISO 639-1 or 'und'); null for mentions stored before it did.
-- Re-scoring reads it so that a non-English post stays unscored under every model.
alter table scored_mention add column language varchar(8);
