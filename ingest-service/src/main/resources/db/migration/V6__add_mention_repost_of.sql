-- A repost (boost, retweet, quote, crosspost) names the mention id of its original, which is
-- ingested once on its own.
alter table ingested_mention add column repost_of uuid;
create index ingested_mention_repost_of on ingested_mention (repost_of) where repost_of is not null;
