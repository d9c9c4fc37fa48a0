-- When (wall clock) a mention was last counted into the series. The idle tick closes buckets by the
-- clock only for a series that has been quiet this long; a series still catching up on a backlog
-- (a backfill, or a restart after downtime) closes its buckets by event time alone.
alter table detector_state add column last_counted_at timestamp with time zone;
