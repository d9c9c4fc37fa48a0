-- The production scorer flags weak evidence and scores each aspect of the taxonomy a post mentions.
alter table scored_mention add column uncertain boolean not null default false;

create table mention_aspect (
    mention_id uuid             not null references scored_mention (mention_id) on delete cascade,
    aspect     text             not null,
    label      varchar(8)       not null check (label in ('NEGATIVE', 'NEUTRAL', 'POSITIVE')),
    score      double precision not null check (score between -1 and 1),
    primary key (mention_id, aspect)
);

-- The history API filters by aspect.
create index mention_aspect_aspect_idx on mention_aspect (aspect, mention_id);
-- Re-scoring walks the mentions scored by an older model.
create index scored_mention_model_version_idx on scored_mention (model_version, mention_id);
