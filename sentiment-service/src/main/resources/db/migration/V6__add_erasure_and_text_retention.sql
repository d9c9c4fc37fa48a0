-- Privacy lifecycle (docs/privacy.md): the post's text, URL and external id can be taken away from a
-- mention while its verdict stays, so that counts, history and backtests keep answering.
--   erased_at:      an erasure on request (MentionErased.v1) removed them;
--   text_purged_at: the TEXT retention (SENTIMENT_RETENTION_TEXT) removed them.
alter table scored_mention alter column text drop not null;
alter table scored_mention add column erased_at timestamptz;
alter table scored_mention add column text_purged_at timestamptz;

-- An erased mention that arrives again (a redelivery, a dead letter replayed) is acknowledged and
-- skipped. Only the id is kept: nothing of the post.
create table erased_mention (
    mention_id uuid        primary key,
    erased_at  timestamptz not null
);

-- The retention purge walks the mentions still holding text, oldest first, in small batches.
create index scored_mention_text_held_published_idx
    on scored_mention (published_at) where text is not null;

-- ... and the oldest mentions, to delete them at MENTIONS age.
create index scored_mention_published_idx on scored_mention (published_at);

-- An erasure by URL asks for the mentions stored under an exact URL (POST /api/erasure-matches).
create index scored_mention_url_idx on scored_mention (url) where url is not null;
