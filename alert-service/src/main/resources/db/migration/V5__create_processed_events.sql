-- Events consumed once (SourceSilent): the event id is recorded in the transaction that acts on
-- it, so a redelivered record changes nothing.
CREATE TABLE processed_event (
    event_id     uuid        NOT NULL,
    event_type   varchar(64) NOT NULL,
    processed_at timestamptz NOT NULL,
    CONSTRAINT processed_event_pk PRIMARY KEY (event_id)
);

-- What an incident is about within its brand, facility and kind when a kind has several at once:
-- the connector id of a SOURCE_SILENT incident (null for the other kinds). Repeats fold per subject.
ALTER TABLE incident ADD COLUMN subject varchar(128);
DROP INDEX incident_one_unresolved_ux;
CREATE UNIQUE INDEX incident_one_unresolved_ux
    ON incident (brand_id, coalesce(facility_id, ''), kind, coalesce(subject, ''))
    WHERE status <> 'RESOLVED';
