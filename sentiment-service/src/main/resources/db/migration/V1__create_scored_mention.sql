create table scored_mention (
    mention_id      uuid             primary key,
    brand_id        text             not null,
    facility_id     text,
    source          text             not null,
    external_id     text,
    url             text,
    text            text             not null,
    published_at    timestamptz      not null,
    score           double precision not null check (score between -1 and 1),
    label           varchar(8)       not null check (label in ('NEGATIVE', 'NEUTRAL', 'POSITIVE')),
    model_version   text             not null,
    scored_at       timestamptz      not null,
    scored_event_id uuid             not null unique
);

-- The history API reads a brand's mentions newest first.
create index scored_mention_brand_published_idx on scored_mention (brand_id, published_at desc);
