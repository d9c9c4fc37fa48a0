-- Notification channels: non-secret settings are readable, secrets (webhook URLs, routing keys,
-- signing keys) are write-only: the API never returns them and the service never logs them.
CREATE TABLE notification_channel (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    type        text        NOT NULL,
    enabled     boolean     NOT NULL,
    endpoint    text,
    secrets     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- One delivery per incident change and channel (idempotent: the change's event id is unique).
CREATE TABLE delivery (
    seq             bigserial   PRIMARY KEY,
    id              uuid        NOT NULL UNIQUE,
    incident_id     uuid        NOT NULL,
    channel_id      uuid        NOT NULL,
    event_id        uuid        NOT NULL,
    change          text        NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    CONSTRAINT delivery_once UNIQUE (incident_id, channel_id, event_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_incident ON delivery (incident_id, channel_id, seq);
