-- Privacy lifecycle (docs/privacy.md): excerpts of negative mentions for the channels that may carry
-- them, what each channel may disclose, erasure on request and retention by data class.

-- The first 140 characters (whitespace collapsed) of a NEGATIVE mention's text, for the samples an
-- alert cites. TEXT class like url: NULL once erased or older than the text retention
-- (text_purged_at says when the retention purge blanked the row).
ALTER TABLE counted_mention ADD COLUMN excerpt varchar(140);
ALTER TABLE counted_mention ADD COLUMN text_purged_at timestamptz;
CREATE INDEX counted_mention_text_ix ON counted_mention (counted_at) WHERE text_purged_at IS NULL;
CREATE INDEX counted_mention_counted_ix ON counted_mention (counted_at);

-- What a channel may carry besides the dashboard link (both off: an admin opts a channel in).
ALTER TABLE notification_channel ADD COLUMN allow_post_links boolean NOT NULL DEFAULT false;
ALTER TABLE notification_channel ADD COLUMN include_excerpt boolean NOT NULL DEFAULT false;

-- Mentions erased on request: a MentionScored for one of them arriving later (redelivery, a DLQ
-- replay) is acknowledged and skipped. Ids only; kept for good, so the skip never lapses.
CREATE TABLE erased_mention (
    mention_id uuid        NOT NULL,
    erased_at  timestamptz NOT NULL,
    CONSTRAINT erased_mention_pk PRIMARY KEY (mention_id)
);

-- Every mention an incident ever cited as a sample (in any explanation, alert event or delivery
-- payload of it), so that an erasure finds the incidents, deliveries and outbox rows to clean
-- without reading every payload.
CREATE TABLE incident_sample (
    mention_id  uuid NOT NULL,
    incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    CONSTRAINT incident_sample_pk PRIMARY KEY (mention_id, incident_id)
);
CREATE INDEX incident_sample_incident_ix ON incident_sample (incident_id);

INSERT INTO incident_sample (mention_id, incident_id)
SELECT DISTINCT CAST(s ->> 'mentionId' AS uuid), i.id
  FROM incident i, jsonb_array_elements(
        CASE WHEN jsonb_typeof(CAST(i.explanation AS jsonb) -> 'samples') = 'array'
             THEN CAST(i.explanation AS jsonb) -> 'samples' ELSE '[]'::jsonb END) s
 WHERE s ->> 'mentionId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
ON CONFLICT DO NOTHING;
INSERT INTO incident_sample (mention_id, incident_id)
SELECT DISTINCT CAST(s ->> 'mentionId' AS uuid), d.incident_id
  FROM delivery d JOIN incident i ON i.id = d.incident_id, jsonb_array_elements(
        CASE WHEN jsonb_typeof(CAST(d.payload AS jsonb) -> 'samples') = 'array'
             THEN CAST(d.payload AS jsonb) -> 'samples' ELSE '[]'::jsonb END) s
 WHERE s ->> 'mentionId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
ON CONFLICT DO NOTHING;

-- The outbox carries two kinds of events now: alerts (topic alerts.v1, keyed by brand) and erasure
-- confirmations (erasures.confirmed.v1, keyed by erasure id). record_key is the Kafka key.
ALTER TABLE alert_outbox RENAME COLUMN brand_id TO record_key;
ALTER TABLE alert_outbox ADD COLUMN topic varchar(64) NOT NULL DEFAULT 'alerts.v1';
ALTER TABLE alert_outbox ADD COLUMN incident_id uuid;
ALTER TABLE alert_outbox ADD COLUMN text_purged_at timestamptz;
UPDATE alert_outbox SET incident_id = CAST(CAST(payload AS jsonb) ->> 'incidentId' AS uuid)
 WHERE CAST(payload AS jsonb) ->> 'incidentId'
       ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
CREATE INDEX alert_outbox_incident_ix ON alert_outbox (incident_id);
CREATE INDEX alert_outbox_published_ix ON alert_outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX alert_outbox_text_ix ON alert_outbox (created_at) WHERE text_purged_at IS NULL;
INSERT INTO incident_sample (mention_id, incident_id)
SELECT DISTINCT CAST(s ->> 'mentionId' AS uuid), o.incident_id
  FROM alert_outbox o JOIN incident i ON i.id = o.incident_id, jsonb_array_elements(
        CASE WHEN jsonb_typeof(CAST(o.payload AS jsonb) -> 'samples') = 'array'
             THEN CAST(o.payload AS jsonb) -> 'samples' ELSE '[]'::jsonb END) s
 WHERE s ->> 'mentionId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
ON CONFLICT DO NOTHING;

-- Retention: when the text purge blanked a row's links and excerpts.
ALTER TABLE delivery ADD COLUMN text_purged_at timestamptz;
CREATE INDEX delivery_text_ix ON delivery (created_at) WHERE text_purged_at IS NULL;
CREATE INDEX delivery_created_ix ON delivery (created_at);
ALTER TABLE incident ADD COLUMN text_purged_at timestamptz;
CREATE INDEX incident_updated_ix ON incident (updated_at);
CREATE INDEX brand_bucket_count_start_ix ON brand_bucket_count (bucket_start);
CREATE INDEX facility_bucket_count_start_ix ON facility_bucket_count (bucket_start);
CREATE INDEX processed_event_at_ix ON processed_event (processed_at);

-- An erasure applied: what it erased and which deliveries had carried a link or excerpt of its
-- mentions, so that a redelivered MentionErased confirms the same figures again.
CREATE TABLE erasure_applied (
    erasure_id uuid        NOT NULL,
    applied_at timestamptz NOT NULL,
    erased     integer     NOT NULL,
    deliveries jsonb       NOT NULL,
    CONSTRAINT erasure_applied_pk PRIMARY KEY (erasure_id)
);
CREATE INDEX erasure_applied_at_ix ON erasure_applied (applied_at);
