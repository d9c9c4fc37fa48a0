-- Quiet hours: a held delivery is HELD (not PENDING) until held_until, the end of the window of the
-- route held_route_id in its zone held_zone; the dispatcher releases it (PENDING, released_at) then.
-- released_at is when a delivery was first free to be sent: the escalation clock starts at the
-- escalating route's first released trigger, not at the opening.
ALTER TABLE delivery ADD COLUMN held_until timestamptz;
ALTER TABLE delivery ADD COLUMN held_zone text;
ALTER TABLE delivery ADD COLUMN held_route_id uuid;
ALTER TABLE delivery ADD COLUMN released_at timestamptz;

UPDATE delivery SET status = 'HELD', held_until = next_attempt_at
 WHERE status = 'PENDING' AND attempts = 0 AND last_error LIKE 'held for the quiet hours%'
   AND next_attempt_at > now();
UPDATE delivery SET released_at = created_at WHERE status NOT IN ('HELD', 'SKIPPED');

DROP INDEX delivery_due;
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status IN ('PENDING', 'HELD');
CREATE INDEX delivery_held_route ON delivery (held_route_id) WHERE status = 'HELD';
