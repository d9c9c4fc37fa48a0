-- Issue 13 (history at scale), second step: over 10 million mentions a 12-month daily timeline
-- summed up to 219,000 rows of sentiment_rollup (every facility x source of each hour), and a word
-- search read every post of every brand holding the word (the GIN index of V5 has no brand).
--
-- Build time over 10 million mentions (docs/benchmarks.md, "History at scale"): a few minutes on a
-- loaded 2-core machine, mostly the search index; writes to scored_mention wait meanwhile (the
-- consumer then waits and records stay in Kafka, as for V5 and V11).

-- 1. Per brand, aspect and UTC hour, the sums of sentiment_rollup over facilities and sources:
-- what a history without facility or source filter reads (a year of one brand is at most 8,760
-- rows per aspect).
create table sentiment_rollup_brand_hour (
    brand_id  text             not null,
    aspect    text             not null,
    hour      timestamptz      not null,
    negative  bigint           not null,
    neutral   bigint           not null,
    positive  bigint           not null,
    score_sum double precision not null,
    primary key (brand_id, aspect, hour)
);

-- Maintained from sentiment_rollup's own changes (whichever trigger of V11 made them), in the same
-- transaction: the delta of each statement over sentiment_rollup, summed per key and applied in key
-- order. So it is exactly as idempotent as sentiment_rollup (a replay, a repeated correction or
-- erasure changes no row there, hence none here) and never lags. V11's upserts fire both the insert
-- trigger (new keys) and the update trigger (existing keys); its clean-up deletes fire the delete
-- trigger with rows whose counts are 0 (a score residue at most).
-- The cost: writers of one brand and hour now wait on one row's lock until the other commits
-- (before, one row per facility and source).

create function sentiment_rollup_brand_hour_add() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup_brand_hour as b
           (brand_id, aspect, hour, negative, neutral, positive, score_sum)
    select n.brand_id, n.aspect, n.hour, sum(n.negative), sum(n.neutral), sum(n.positive),
           sum(n.score_sum)
      from new_rows n
     group by 1, 2, 3
     order by 1, 2, 3
        on conflict (brand_id, aspect, hour) do update
       set negative = b.negative + excluded.negative,
           neutral = b.neutral + excluded.neutral,
           positive = b.positive + excluded.positive,
           score_sum = b.score_sum + excluded.score_sum;
    return null;
end;
$$;

create function sentiment_rollup_brand_hour_change() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup_brand_hour as b
           (brand_id, aspect, hour, negative, neutral, positive, score_sum)
    select d.brand_id, d.aspect, d.hour, sum(d.negative), sum(d.neutral), sum(d.positive),
           sum(d.score_sum)
      from (select n.brand_id, n.aspect, n.hour, n.negative, n.neutral, n.positive, n.score_sum
              from new_rows n
            union all
            select o.brand_id, o.aspect, o.hour, -o.negative, -o.neutral, -o.positive,
                   -o.score_sum
              from old_rows o) d
     group by 1, 2, 3
    having sum(d.negative) <> 0 or sum(d.neutral) <> 0 or sum(d.positive) <> 0
        or sum(d.score_sum) <> 0
     order by 1, 2, 3
        on conflict (brand_id, aspect, hour) do update
       set negative = b.negative + excluded.negative,
           neutral = b.neutral + excluded.neutral,
           positive = b.positive + excluded.positive,
           score_sum = b.score_sum + excluded.score_sum;
    delete from sentiment_rollup_brand_hour b
     using (select distinct o.brand_id, o.aspect, o.hour from old_rows o) k
     where b.brand_id = k.brand_id and b.aspect = k.aspect and b.hour = k.hour
       and b.negative = 0 and b.neutral = 0 and b.positive = 0;
    return null;
end;
$$;

create function sentiment_rollup_brand_hour_remove() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup_brand_hour as b
           (brand_id, aspect, hour, negative, neutral, positive, score_sum)
    select o.brand_id, o.aspect, o.hour, -sum(o.negative), -sum(o.neutral), -sum(o.positive),
           -sum(o.score_sum)
      from old_rows o
     group by 1, 2, 3
     order by 1, 2, 3
        on conflict (brand_id, aspect, hour) do update
       set negative = b.negative + excluded.negative,
           neutral = b.neutral + excluded.neutral,
           positive = b.positive + excluded.positive,
           score_sum = b.score_sum + excluded.score_sum;
    -- A row whose mentions are all gone goes too (score_sum may keep a rounding residue).
    delete from sentiment_rollup_brand_hour b
     using (select distinct o.brand_id, o.aspect, o.hour from old_rows o) k
     where b.brand_id = k.brand_id and b.aspect = k.aspect and b.hour = k.hour
       and b.negative = 0 and b.neutral = 0 and b.positive = 0;
    return null;
end;
$$;

create trigger sentiment_rollup_brand_hour_inserted
    after insert on sentiment_rollup referencing new table as new_rows
    for each statement execute function sentiment_rollup_brand_hour_add();

create trigger sentiment_rollup_brand_hour_updated
    after update on sentiment_rollup referencing old table as old_rows new table as new_rows
    for each statement execute function sentiment_rollup_brand_hour_change();

create trigger sentiment_rollup_brand_hour_deleted
    after delete on sentiment_rollup referencing old table as old_rows
    for each statement execute function sentiment_rollup_brand_hour_remove();

-- V11 empties sentiment_rollup by TRUNCATE when the mentions are emptied (no delete trigger fires).
create or replace function sentiment_rollup_truncated() returns trigger
    language plpgsql as $$
begin
    truncate sentiment_rollup, sentiment_rollup_brand_hour;
    return null;
end;
$$;

-- Backfill from the rollups (one pass; 9.3 million rows for 10 million mentions).
insert into sentiment_rollup_brand_hour
       (brand_id, aspect, hour, negative, neutral, positive, score_sum)
select brand_id, aspect, hour, sum(negative), sum(neutral), sum(positive), sum(score_sum)
  from sentiment_rollup
 group by 1, 2, 3;

-- Statistics now, so that the first histories after the migration read it by its key rather than
-- wait for autovacuum.
analyze sentiment_rollup_brand_hour;

-- 2. Word search within one brand. The index of V5 holds each word of every post, whichever the
-- brand: a search for a frequent word within one brand read (and, past work_mem, re-checked) the
-- posts of every brand holding it; a word's prefix (park -> parking) even gathered them all into
-- one bitmap before any other condition applied, and the label and source filters read every
-- post of the brand holding the word. The keys below are the post's words prefixed by its brand
-- and UTC month ('north-general 202611 parking'), and its label, source and facility keyed the
-- same way ('north-general label:NEGATIVE 202611', 'north-general source:reddit 202611',
-- 'north-general facility:north-main 202611'; a lexeme never holds a space, a slug never a
-- space either). A search asks for the brand and the months of its range
-- (('north-general 202610 park':* & 'north-general label:NEGATIVE 202610') | (... 202611 ...)),
-- so the index gives only the posts of that brand and those months holding every word, as the V5
-- expression would have for that brand (same parser, same 'simple' configuration), with the
-- label, source and facility asked for. The time range and every filter still apply to the rows
-- (SearchKeys, ScoredMentionRepository). A mention without text has no word key.
create or replace function scored_mention_search_keys(
        brand text, published timestamptz, facility text, source text, label text, body text)
    returns tsvector
    -- Splitting a post costs far more than the default cost of a function says: so costed, the
    -- planner prefers the index to computing the keys of every row of a brand's range.
    language sql immutable parallel safe cost 1000 as $$
    select array_to_tsvector(array(
        select brand || ' ' || k.month || ' ' || w.lexeme
          from unnest(to_tsvector('simple', body)) w
        union all
        select brand || ' label:' || label || ' ' || k.month
        union all
        select brand || ' source:' || source || ' ' || k.month
        union all
        select brand || ' facility:' || facility || ' ' || k.month where facility is not null))
      from (select ((extract(year from published at time zone 'UTC') * 100
                    + extract(month from published at time zone 'UTC'))::int)::text as month) k
$$;

-- The sort of a large build (the session's default is 64 MB), for this migration's statements only.
set local maintenance_work_mem = '512MB';

create index if not exists scored_mention_search_keys_idx
    on scored_mention using gin (
        scored_mention_search_keys(brand_id, published_at, facility_id, source, label, text));

-- Every text search names a brand (or up to 50 mention ids, read by primary key): the index of
-- V5 serves no query any more and only costs writes.
drop index if exists scored_mention_text_search_idx;
