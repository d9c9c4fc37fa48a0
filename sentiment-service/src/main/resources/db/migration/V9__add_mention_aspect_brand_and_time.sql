-- GET /api/brands/{id}/aspects (the console's overview, twice per page) counted a brand's aspects
-- by joining every scored_mention of the range to mention_aspect: over a million mentions the
-- planner scanned all of mention_aspect (546 ms for 7 days, console-bench). The aspect rows now
-- carry their mention's brand, facility and publication time, so the count reads one index range.
alter table mention_aspect add column brand_id text;
alter table mention_aspect add column facility_id text;
alter table mention_aspect add column published_at timestamptz;

update mention_aspect a
   set brand_id = m.brand_id, facility_id = m.facility_id, published_at = m.published_at
  from scored_mention m
 where m.mention_id = a.mention_id;

-- Filled from the mention on every insert, whichever code path writes the aspect (scoring,
-- correction, re-scoring): a mention's brand, facility and publication time never change.
create function mention_aspect_copy_mention() returns trigger
    language plpgsql as $$
begin
    select m.brand_id, m.facility_id, m.published_at
      into new.brand_id, new.facility_id, new.published_at
      from scored_mention m
     where m.mention_id = new.mention_id;
    return new;
end;
$$;

create trigger mention_aspect_copy_mention
    before insert on mention_aspect
    for each row execute function mention_aspect_copy_mention();

alter table mention_aspect alter column brand_id set not null;
alter table mention_aspect alter column published_at set not null;

create index mention_aspect_brand_published_idx
    on mention_aspect (brand_id, published_at) include (facility_id, aspect, label);
