-- The language detected in each accepted mention (ISO 639-1, or 'und' when the post does not say
-- enough); non-English mentions are kept and marked, not dropped.
alter table ingested_mention add column language varchar(8) not null default 'und';
