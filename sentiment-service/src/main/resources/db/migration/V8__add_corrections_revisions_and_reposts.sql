-- Issue 12: analysts' corrections, revisions of a mention's verdict, and amplification.
--
-- label, score, uncertain and the mention_aspect rows stay the EFFECTIVE verdict (what history,
-- search and MentionScored use): the model's when nobody corrected it, else the analyst's. The
-- model's own verdict is kept beside it, so that deleting a correction or re-scoring a corrected
-- mention knows what the model said.
alter table scored_mention add column model_label varchar(8)
    check (model_label in ('NEGATIVE', 'NEUTRAL', 'POSITIVE'));
alter table scored_mention add column model_score double precision check (model_score between -1 and 1);
alter table scored_mention add column model_uncertain boolean;
update scored_mention set model_label = label, model_score = score, model_uncertain = uncertain;
alter table scored_mention alter column model_label set not null;
alter table scored_mention alter column model_score set not null;
alter table scored_mention alter column model_uncertain set not null;

-- revision: 0 at first scoring, +1 (in the transaction of the change) each time the effective
-- verdict changes; MentionScored carries it. corrected: the effective label is an analyst's.
alter table scored_mention add column revision integer not null default 0;
alter table scored_mention add column corrected boolean not null default false;

-- A change committed whose MentionScored the broker has not acknowledged yet: published again
-- (same event id) by the next identical request or by the retry job until acknowledged.
alter table scored_mention add column publish_pending boolean not null default false;
create index scored_mention_publish_pending_idx on scored_mention (scored_at) where publish_pending;

-- Amplification: repost_of as ingest sent it (the original's mention id, which may arrive later or
-- never); reposts on the original counts the stored mentions whose repost_of names it.
alter table scored_mention add column repost_of uuid;
alter table scored_mention add column reposts integer not null default 0;
create index scored_mention_repost_of_idx on scored_mention (repost_of) where repost_of is not null;

-- Search sorted by amplification, and the top mentions of a brand.
create index scored_mention_brand_reposts_idx
    on scored_mention (brand_id, reposts desc, published_at desc, mention_id);

-- Search and aggregates narrowed to one facility.
create index scored_mention_brand_facility_published_idx
    on scored_mention (brand_id, facility_id, published_at desc, mention_id)
    where facility_id is not null;

-- The model's label and score of an aspect; both null for an aspect only the analyst named.
alter table mention_aspect add column model_label varchar(8)
    check (model_label in ('NEGATIVE', 'NEUTRAL', 'POSITIVE'));
alter table mention_aspect add column model_score double precision;
update mention_aspect set model_label = label, model_score = score;

-- One analyst's correction per mention (the latest; earlier ones are in the audit log). aspects:
-- 'aspect:LABEL' words, space-separated, sorted. Deleted with the mention; an erasure empties
-- note and aspects (the note may quote the post).
create table mention_correction (
    mention_id   uuid        primary key references scored_mention (mention_id) on delete cascade,
    label        varchar(8)  not null check (label in ('NEGATIVE', 'NEUTRAL', 'POSITIVE')),
    aspects      text        not null default '',
    corrected_by text        not null,
    corrected_at timestamptz not null,
    note         text check (char_length(note) <= 500)
);

-- A row inserted without the model's verdict (bulk loads by SQL, benchmarks) gets its effective one:
-- uncorrected, the two are the same. The service always writes them itself.
create function scored_mention_model_defaults() returns trigger language plpgsql as $$
begin
    new.model_label := coalesce(new.model_label, new.label);
    new.model_score := coalesce(new.model_score, new.score);
    new.model_uncertain := coalesce(new.model_uncertain, new.uncertain);
    return new;
end
$$;

create trigger scored_mention_model_defaults
    before insert on scored_mention
    for each row execute function scored_mention_model_defaults();
