-- A post matching several brands becomes one mention per brand. post_id names the post itself:
-- MentionIds.of(source, externalId), which is also the mention id of its first brand (every row so
-- far is such a first mention). A post is recorded once as a whole: its first row decides, and a
-- brand's second row for the same post is refused.
alter table ingested_mention add column post_id uuid;
update ingested_mention set post_id = mention_id;
alter table ingested_mention alter column post_id set not null;
create unique index ingested_mention_post_brand on ingested_mention (post_id, brand_id);
