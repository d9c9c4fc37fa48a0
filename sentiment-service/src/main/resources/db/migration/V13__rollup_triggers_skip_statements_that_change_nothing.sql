-- Issue 13 (throughput): the rollup triggers of V11 and V12 return at once when their statement
-- changed nothing they count. A statement-level trigger fires for every statement, whatever it
-- changed: the repost recount that follows each stored batch updates no row at all, an upsert into
-- sentiment_rollup fires the insert and the update trigger whichever way each row went, and the
-- clean-up deletes of empty rollup rows mostly delete none. Each such statement still ran every
-- statement of its trigger over empty transition tables: with pg_stat_statements, about 0.6 ms of
-- PostgreSQL per stored mention of 2.6 (docs/benchmarks.md). The bodies below are V11's and V12's
-- unchanged but for the first statement.

create or replace function sentiment_rollup_mentions_inserted() returns trigger
    language plpgsql as $$
begin
    if not exists (select 1 from new_rows) then
        return null;
    end if;
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

create or replace function sentiment_rollup_mentions_updated() returns trigger
    language plpgsql as $$
begin
    -- Updates that change no counted column (repost counts, text purges; the repost recount's
    -- update of no row at all) change no rollup.
    if not exists (select 1
                     from new_rows n join old_rows o on o.mention_id = n.mention_id
                    where (o.brand_id, o.published_at, o.facility_id, o.source, o.label, o.score)
                          is distinct from
                          (n.brand_id, n.published_at, n.facility_id, n.source, n.label, n.score))
    then
        return null;
    end if;
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

create or replace function sentiment_rollup_mentions_deleted() returns trigger
    language plpgsql as $$
begin
    if not exists (select 1 from old_rows) then
        return null;
    end if;
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

create or replace function sentiment_rollup_aspects_inserted() returns trigger
    language plpgsql as $$
begin
    if not exists (select 1 from new_rows) then
        return null;
    end if;
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

create or replace function sentiment_rollup_aspects_updated() returns trigger
    language plpgsql as $$
begin
    if not exists (select 1
                     from new_rows n
                     join old_rows o on o.mention_id = n.mention_id and o.aspect = n.aspect
                    where (o.brand_id, o.published_at, o.facility_id, o.source, o.label, o.score)
                          is distinct from
                          (n.brand_id, n.published_at, n.facility_id, n.source, n.label, n.score))
    then
        return null;
    end if;
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

create or replace function sentiment_rollup_aspects_deleted() returns trigger
    language plpgsql as $$
begin
    if not exists (select 1 from old_rows) then
        return null;
    end if;
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

create or replace function sentiment_rollup_brand_hour_add() returns trigger
    language plpgsql as $$
begin
    if not exists (select 1 from new_rows) then
        return null;
    end if;
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

create or replace function sentiment_rollup_brand_hour_change() returns trigger
    language plpgsql as $$
begin
    if not exists (select 1 from new_rows) then
        return null;
    end if;
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

create or replace function sentiment_rollup_brand_hour_remove() returns trigger
    language plpgsql as $$
begin
    if not exists (select 1 from old_rows) then
        return null;
    end if;
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
