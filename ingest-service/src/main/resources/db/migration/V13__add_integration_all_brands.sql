-- Which brands an integration may push for is an explicit grant: the brands listed in brand_ids,
-- or every brand when all_brands is true. A row with neither pushes for no brand (what
-- POST /api/integrations now creates without a brand list, until an admin grants brands with
-- PUT /api/integrations/{id}/brands).
alter table integration add column all_brands boolean not null default false;

-- Until now an integration without brand ids could push for every brand: existing rows keep that,
-- now as an explicit grant (integrations declared in INGEST_WEBHOOK_KEYS are declared so too).
update integration set all_brands = true where brand_ids is null or brand_ids = '';
