-- An event that keeps failing while the broker takes the others is quarantined, so that the relay
-- moves past it; an admin lists and requeues it (GET /api/outbox/quarantined, POST .../requeue).
alter table outbox_event add column quarantined_at timestamptz;
alter table outbox_event add column last_error varchar(200);

-- The relay reads only waiting rows, oldest first.
create index outbox_event_waiting_idx on outbox_event (outbox_id) where quarantined_at is null;
