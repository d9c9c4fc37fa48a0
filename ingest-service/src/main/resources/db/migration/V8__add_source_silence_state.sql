-- The silence a connector was reported for (SourceSilent published) and not yet reported over
-- (SourceRecovered), so that each silence gets exactly one SourceRecovered, whatever restarts in
-- between: silence_open_since is the silence's silentSince, silence_event_id the SourceSilent's
-- eventId, recovered_item_at when the first new post after it was taken (written in the
-- transaction that takes the post). The poller clears the three in the transaction that writes
-- SourceRecovered to the outbox.
alter table source_connector add column silence_open_since timestamptz;
alter table source_connector add column silence_event_id uuid;
alter table source_connector add column recovered_item_at timestamptz;

-- Silences reported before this version and still going on get their recovery too (without the
-- SourceSilent's event id, which was not kept).
update source_connector
   set silence_open_since = coalesce(last_item_at, created_at)
 where silent_reported_at is not null
   and silent_reported_at >= coalesce(last_item_at, created_at);
