-- Source health, second slice: a silence is reported early when the source refuses requests for
-- longer than caresignal.ingest.sources.rate-limit-alert-after, and ends with the first successful
-- poll after the limit.
--   rate_limited_at / rate_limited_until: when the source last said it was out of requests, and
--     until when (429 with Retry-After or its reset header, or remaining = 0); cleared by a
--     successful poll that is not limited. Kept here, not in memory, so that a restart between the
--     poll and the report loses nothing.
--   silence_reason: the reason of the open silence (NO_ITEMS, FAILING, RATE_LIMITED); null for a
--     silence reported before this version (it ends with a new post, as before).
--   recovered_poll_at: when the first successful poll ended an open RATE_LIMITED silence (with or
--     without a new post); like recovered_item_at it makes the recovery pending, and the poller
--     clears it in the transaction that writes SourceRecovered to the outbox.
alter table source_connector add column rate_limited_at timestamptz;
alter table source_connector add column rate_limited_until timestamptz;
alter table source_connector add column silence_reason varchar(16);
alter table source_connector add column recovered_poll_at timestamptz;
