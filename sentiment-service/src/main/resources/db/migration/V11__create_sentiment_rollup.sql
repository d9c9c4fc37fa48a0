-- Issue 13 (history at scale): the history API summed every matching mention in Java, which over
-- millions of mentions reads millions of rows per chart. It now reads hourly rollups: per brand,
-- aspect, hour (UTC), facility and source, the counts by label and the sum of the scores. Hour and
-- day buckets of any zone whose offset is a whole number of hours are sums of these hours; minute
-- buckets and zones off the hour still read the mentions (SentimentHistoryService).
--
-- aspect '' is the mention as a whole (its effective label and score); any other value is one
-- aspect of the mentions that name it, by that aspect's own label and score, exactly what the
-- history API answers with an aspect filter. A mention with three aspects is counted four times,
-- once in each of four rows, never three times in the brand's totals. facility_id '' is "no
-- facility" (a key column cannot be null; a facility id is a non-empty slug).
create table sentiment_rollup (
    brand_id    text             not null,
    aspect      text             not null,
    hour        timestamptz      not null,
    facility_id text             not null,
    source      text             not null,
    negative    bigint           not null,
    neutral     bigint           not null,
    positive    bigint           not null,
    score_sum   double precision not null,
    primary key (brand_id, aspect, hour, facility_id, source)
);

-- The aspect rows carry their mention's source too, so that their rollup needs no lookup of the
-- mention: when a deleted mention takes its aspects with it (on delete cascade), the mention row
-- is already gone when the aspect rows are deleted.
alter table mention_aspect add column source text;

update mention_aspect a
   set source = m.source
  from scored_mention m
 where m.mention_id = a.mention_id;

alter table mention_aspect alter column source set not null;

create or replace function mention_aspect_copy_mention() returns trigger
    language plpgsql as $$
begin
    select m.brand_id, m.facility_id, m.published_at, m.source
      into new.brand_id, new.facility_id, new.published_at, new.source
      from scored_mention m
     where m.mention_id = new.mention_id;
    return new;
end;
$$;

-- The UTC hour holding an instant, whatever the session's time zone (date_trunc would use it).
create function sentiment_rollup_hour(t timestamptz) returns timestamptz
    language sql immutable parallel safe as $$
    select to_timestamp(floor(extract(epoch from t) / 3600) * 3600)
$$;

-- Maintenance: statement-level triggers over the rows each statement inserted, updated or deleted
-- (transition tables), in the transaction of the write, whichever code path writes (scoring,
-- correction, re-scoring, erasure, retention purge, bulk loads by SQL). They add what the
-- statement changed and nothing else, so a replayed event that stores nothing, or a correction
-- repeated with the same verdict, changes no count: idempotent by construction, and the rollups
-- never lag behind the mentions. Deltas are summed per key and applied in key order, so that two
-- transactions touching the same keys take their row locks in the same order.
-- An UPDATE trigger cannot name its columns when it has transition tables: updates that change
-- none of the counted columns (publication marks, repost counts, text purges) pass through the
-- "is distinct from" filter as empty deltas.

create function sentiment_rollup_mentions_inserted() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup as r
           (brand_id, aspect, hour, facility_id, source, negative, neutral, positive, score_sum)
    select n.brand_id, '', sentiment_rollup_hour(n.published_at), coalesce(n.facility_id, ''),
           n.source,
           count(*) filter (where n.label = 'NEGATIVE'),
           count(*) filter (where n.label = 'NEUTRAL'),
           count(*) filter (where n.label = 'POSITIVE'),
           sum(n.score)
      from new_rows n
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
        on conflict (brand_id, aspect, hour, facility_id, source) do update
       set negative = r.negative + excluded.negative,
           neutral = r.neutral + excluded.neutral,
           positive = r.positive + excluded.positive,
           score_sum = r.score_sum + excluded.score_sum;
    return null;
end;
$$;

create function sentiment_rollup_mentions_updated() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup as r
           (brand_id, aspect, hour, facility_id, source, negative, neutral, positive, score_sum)
    select d.brand_id, '', sentiment_rollup_hour(d.published_at), coalesce(d.facility_id, ''),
           d.source,
           coalesce(sum(d.sign) filter (where d.label = 'NEGATIVE'), 0),
           coalesce(sum(d.sign) filter (where d.label = 'NEUTRAL'), 0),
           coalesce(sum(d.sign) filter (where d.label = 'POSITIVE'), 0),
           sum(d.sign * d.score)
      from (select n.brand_id, n.published_at, n.facility_id, n.source, n.label, n.score, 1 as sign
              from new_rows n join old_rows o on o.mention_id = n.mention_id
             where (o.brand_id, o.published_at, o.facility_id, o.source, o.label, o.score)
                   is distinct from
                   (n.brand_id, n.published_at, n.facility_id, n.source, n.label, n.score)
            union all
            select o.brand_id, o.published_at, o.facility_id, o.source, o.label, o.score, -1
              from new_rows n join old_rows o on o.mention_id = n.mention_id
             where (o.brand_id, o.published_at, o.facility_id, o.source, o.label, o.score)
                   is distinct from
                   (n.brand_id, n.published_at, n.facility_id, n.source, n.label, n.score)) d
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
        on conflict (brand_id, aspect, hour, facility_id, source) do update
       set negative = r.negative + excluded.negative,
           neutral = r.neutral + excluded.neutral,
           positive = r.positive + excluded.positive,
           score_sum = r.score_sum + excluded.score_sum;
    delete from sentiment_rollup r
     using (select distinct o.brand_id, sentiment_rollup_hour(o.published_at) as hour,
                   coalesce(o.facility_id, '') as facility_id, o.source
              from old_rows o) k
     where r.brand_id = k.brand_id and r.aspect = '' and r.hour = k.hour
       and r.facility_id = k.facility_id and r.source = k.source
       and r.negative = 0 and r.neutral = 0 and r.positive = 0;
    return null;
end;
$$;

create function sentiment_rollup_mentions_deleted() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup as r
           (brand_id, aspect, hour, facility_id, source, negative, neutral, positive, score_sum)
    select o.brand_id, '', sentiment_rollup_hour(o.published_at), coalesce(o.facility_id, ''),
           o.source,
           -count(*) filter (where o.label = 'NEGATIVE'),
           -count(*) filter (where o.label = 'NEUTRAL'),
           -count(*) filter (where o.label = 'POSITIVE'),
           -sum(o.score)
      from old_rows o
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
        on conflict (brand_id, aspect, hour, facility_id, source) do update
       set negative = r.negative + excluded.negative,
           neutral = r.neutral + excluded.neutral,
           positive = r.positive + excluded.positive,
           score_sum = r.score_sum + excluded.score_sum;
    -- A row whose mentions are all gone goes too (score_sum may keep a rounding residue).
    delete from sentiment_rollup r
     using (select distinct o.brand_id, sentiment_rollup_hour(o.published_at) as hour,
                   coalesce(o.facility_id, '') as facility_id, o.source
              from old_rows o) k
     where r.brand_id = k.brand_id and r.aspect = '' and r.hour = k.hour
       and r.facility_id = k.facility_id and r.source = k.source
       and r.negative = 0 and r.neutral = 0 and r.positive = 0;
    return null;
end;
$$;

create trigger sentiment_rollup_mentions_inserted
    after insert on scored_mention referencing new table as new_rows
    for each statement execute function sentiment_rollup_mentions_inserted();

create trigger sentiment_rollup_mentions_updated
    after update on scored_mention referencing old table as old_rows new table as new_rows
    for each statement execute function sentiment_rollup_mentions_updated();

create trigger sentiment_rollup_mentions_deleted
    after delete on scored_mention referencing old table as old_rows
    for each statement execute function sentiment_rollup_mentions_deleted();

-- The same for the aspect rows (aspect = the row's aspect); keyed by (mention_id, aspect).

create function sentiment_rollup_aspects_inserted() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup as r
           (brand_id, aspect, hour, facility_id, source, negative, neutral, positive, score_sum)
    select n.brand_id, n.aspect, sentiment_rollup_hour(n.published_at),
           coalesce(n.facility_id, ''), n.source,
           count(*) filter (where n.label = 'NEGATIVE'),
           count(*) filter (where n.label = 'NEUTRAL'),
           count(*) filter (where n.label = 'POSITIVE'),
           sum(n.score)
      from new_rows n
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
        on conflict (brand_id, aspect, hour, facility_id, source) do update
       set negative = r.negative + excluded.negative,
           neutral = r.neutral + excluded.neutral,
           positive = r.positive + excluded.positive,
           score_sum = r.score_sum + excluded.score_sum;
    return null;
end;
$$;

create function sentiment_rollup_aspects_updated() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup as r
           (brand_id, aspect, hour, facility_id, source, negative, neutral, positive, score_sum)
    select d.brand_id, d.aspect, sentiment_rollup_hour(d.published_at),
           coalesce(d.facility_id, ''), d.source,
           coalesce(sum(d.sign) filter (where d.label = 'NEGATIVE'), 0),
           coalesce(sum(d.sign) filter (where d.label = 'NEUTRAL'), 0),
           coalesce(sum(d.sign) filter (where d.label = 'POSITIVE'), 0),
           sum(d.sign * d.score)
      from (select n.brand_id, n.aspect, n.published_at, n.facility_id, n.source, n.label,
                   n.score, 1 as sign
              from new_rows n
              join old_rows o on o.mention_id = n.mention_id and o.aspect = n.aspect
             where (o.brand_id, o.published_at, o.facility_id, o.source, o.label, o.score)
                   is distinct from
                   (n.brand_id, n.published_at, n.facility_id, n.source, n.label, n.score)
            union all
            select o.brand_id, o.aspect, o.published_at, o.facility_id, o.source, o.label,
                   o.score, -1
              from new_rows n
              join old_rows o on o.mention_id = n.mention_id and o.aspect = n.aspect
             where (o.brand_id, o.published_at, o.facility_id, o.source, o.label, o.score)
                   is distinct from
                   (n.brand_id, n.published_at, n.facility_id, n.source, n.label, n.score)) d
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
        on conflict (brand_id, aspect, hour, facility_id, source) do update
       set negative = r.negative + excluded.negative,
           neutral = r.neutral + excluded.neutral,
           positive = r.positive + excluded.positive,
           score_sum = r.score_sum + excluded.score_sum;
    delete from sentiment_rollup r
     using (select distinct o.brand_id, o.aspect, sentiment_rollup_hour(o.published_at) as hour,
                   coalesce(o.facility_id, '') as facility_id, o.source
              from old_rows o) k
     where r.brand_id = k.brand_id and r.aspect = k.aspect and r.hour = k.hour
       and r.facility_id = k.facility_id and r.source = k.source
       and r.negative = 0 and r.neutral = 0 and r.positive = 0;
    return null;
end;
$$;

create function sentiment_rollup_aspects_deleted() returns trigger
    language plpgsql as $$
begin
    insert into sentiment_rollup as r
           (brand_id, aspect, hour, facility_id, source, negative, neutral, positive, score_sum)
    select o.brand_id, o.aspect, sentiment_rollup_hour(o.published_at),
           coalesce(o.facility_id, ''), o.source,
           -count(*) filter (where o.label = 'NEGATIVE'),
           -count(*) filter (where o.label = 'NEUTRAL'),
           -count(*) filter (where o.label = 'POSITIVE'),
           -sum(o.score)
      from old_rows o
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
        on conflict (brand_id, aspect, hour, facility_id, source) do update
       set negative = r.negative + excluded.negative,
           neutral = r.neutral + excluded.neutral,
           positive = r.positive + excluded.positive,
           score_sum = r.score_sum + excluded.score_sum;
    delete from sentiment_rollup r
     using (select distinct o.brand_id, o.aspect, sentiment_rollup_hour(o.published_at) as hour,
                   coalesce(o.facility_id, '') as facility_id, o.source
              from old_rows o) k
     where r.brand_id = k.brand_id and r.aspect = k.aspect and r.hour = k.hour
       and r.facility_id = k.facility_id and r.source = k.source
       and r.negative = 0 and r.neutral = 0 and r.positive = 0;
    return null;
end;
$$;

create trigger sentiment_rollup_aspects_inserted
    after insert on mention_aspect referencing new table as new_rows
    for each statement execute function sentiment_rollup_aspects_inserted();

create trigger sentiment_rollup_aspects_updated
    after update on mention_aspect referencing old table as old_rows new table as new_rows
    for each statement execute function sentiment_rollup_aspects_updated();

create trigger sentiment_rollup_aspects_deleted
    after delete on mention_aspect referencing old table as old_rows
    for each statement execute function sentiment_rollup_aspects_deleted();

-- Emptying the mentions (an operator's reset) empties their rollups.
create function sentiment_rollup_truncated() returns trigger
    language plpgsql as $$
begin
    truncate sentiment_rollup;
    return null;
end;
$$;

create trigger sentiment_rollup_mentions_truncated
    after truncate on scored_mention
    for each statement execute function sentiment_rollup_truncated();

-- Backfill: the rollups of the mentions stored so far (one pass over each table).
insert into sentiment_rollup
       (brand_id, aspect, hour, facility_id, source, negative, neutral, positive, score_sum)
select brand_id, '', sentiment_rollup_hour(published_at), coalesce(facility_id, ''), source,
       count(*) filter (where label = 'NEGATIVE'),
       count(*) filter (where label = 'NEUTRAL'),
       count(*) filter (where label = 'POSITIVE'),
       sum(score)
  from scored_mention
 group by 1, 2, 3, 4, 5;

insert into sentiment_rollup
       (brand_id, aspect, hour, facility_id, source, negative, neutral, positive, score_sum)
select brand_id, aspect, sentiment_rollup_hour(published_at), coalesce(facility_id, ''), source,
       count(*) filter (where label = 'NEGATIVE'),
       count(*) filter (where label = 'NEUTRAL'),
       count(*) filter (where label = 'POSITIVE'),
       sum(score)
  from mention_aspect
 group by 1, 2, 3, 4, 5;
