-- Where a counted mention came from, so that alerts can cite sample mentions with their links.
ALTER TABLE counted_mention ADD COLUMN facility_id varchar(64);
ALTER TABLE counted_mention ADD COLUMN url varchar(2048);
CREATE INDEX counted_mention_brand_bucket_ix ON counted_mention (brand_id, bucket_start);

-- Mentions per brand, facility and time bucket (facility-less mentions only count for the brand).
CREATE TABLE facility_bucket_count (
    brand_id     varchar(64)  NOT NULL,
    facility_id  varchar(64)  NOT NULL,
    bucket_start timestamptz  NOT NULL,
    total        bigint       NOT NULL DEFAULT 0,
    negative     bigint       NOT NULL DEFAULT 0,
    neutral      bigint       NOT NULL DEFAULT 0,
    positive     bigint       NOT NULL DEFAULT 0,
    CONSTRAINT facility_bucket_count_pk PRIMARY KEY (brand_id, facility_id, bucket_start),
    CONSTRAINT facility_bucket_count_sum_ck CHECK (total = negative + neutral + positive)
);

-- One spike detector per series: a brand (facility_id = '') or one of its facilities. The row is
-- locked while the series is evaluated, so two evaluations of one series never interleave.
CREATE TABLE detector_state (
    brand_id      varchar(64)  NOT NULL,
    facility_id   varchar(64)  NOT NULL DEFAULT '',
    max_event_at  timestamptz,
    last_bucket   timestamptz,
    snapshot      text,
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT detector_state_pk PRIMARY KEY (brand_id, facility_id)
);

CREATE TABLE incident (
    id              uuid          NOT NULL,
    brand_id        varchar(64)   NOT NULL,
    facility_id     varchar(64),
    kind            varchar(32)   NOT NULL,
    severity        varchar(16)   NOT NULL,
    status          varchar(16)   NOT NULL,
    opened_at       timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by varchar(128),
    resolved_at     timestamptz,
    resolved_by     varchar(128),
    snoozed_until   timestamptz,
    updates         integer       NOT NULL DEFAULT 0,
    explanation     text          NOT NULL,
    CONSTRAINT incident_pk PRIMARY KEY (id),
    CONSTRAINT incident_status_ck CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    CONSTRAINT incident_kind_ck CHECK (kind IN ('SPIKE', 'CRITICAL_POST')),
    CONSTRAINT incident_severity_ck CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'))
);
-- At most one unresolved incident per brand, facility and kind: repeats fold into it.
CREATE UNIQUE INDEX incident_one_unresolved_ux
    ON incident (brand_id, coalesce(facility_id, ''), kind) WHERE status <> 'RESOLVED';
CREATE INDEX incident_brand_ix ON incident (brand_id, opened_at DESC);

-- Every change of an incident: who, when, what.
CREATE TABLE incident_audit (
    id           bigserial     NOT NULL,
    incident_id  uuid          NOT NULL REFERENCES incident (id),
    at           timestamptz   NOT NULL,
    actor        varchar(128)  NOT NULL,
    action       varchar(32)   NOT NULL,
    from_status  varchar(16),
    to_status    varchar(16)   NOT NULL,
    detail       varchar(1024) NOT NULL,
    CONSTRAINT incident_audit_pk PRIMARY KEY (id)
);
CREATE INDEX incident_audit_incident_ix ON incident_audit (incident_id, id);

-- Alert events written in the transaction that changed the incident, relayed to alerts.v1 in order.
CREATE TABLE alert_outbox (
    id           bigserial     NOT NULL,
    event_id     uuid          NOT NULL,
    brand_id     varchar(64)   NOT NULL,
    payload      text          NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    published_at timestamptz,
    CONSTRAINT alert_outbox_pk PRIMARY KEY (id)
);
CREATE INDEX alert_outbox_pending_ix ON alert_outbox (id) WHERE published_at IS NULL;
