-- Routing rules (see the README, "Routing"): tried by position, first match wins unless
-- continue_matching; null / empty match fields mean "any". channel_ids, quiet_hours and escalation
-- are JSON (a list of channel ids, {days, start, end, zone, override}, [{after, channelIds}]).
CREATE TABLE alert_route (
    id                uuid         NOT NULL,
    name              varchar(200) NOT NULL,
    position          integer      NOT NULL,
    enabled           boolean      NOT NULL,
    brand_id          varchar(64),
    facility_id       varchar(64),
    kinds             varchar(200) NOT NULL DEFAULT '',
    min_severity      varchar(16),
    channel_ids       text         NOT NULL,
    continue_matching boolean      NOT NULL,
    quiet_hours       text,
    escalation        text         NOT NULL DEFAULT '[]',
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    CONSTRAINT alert_route_pk PRIMARY KEY (id),
    CONSTRAINT alert_route_severity_ck
        CHECK (min_severity IS NULL OR min_severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'))
);
CREATE INDEX alert_route_position_ix ON alert_route (position, id);

-- Escalation of unacknowledged incidents: the number of steps already taken and when the clock
-- started (opening or re-opening). A step is taken by a conditional update of escalation_step, so
-- it happens once across restarts and instances.
ALTER TABLE incident ADD COLUMN escalation_step integer NOT NULL DEFAULT 0;
ALTER TABLE incident ADD COLUMN escalation_since timestamptz;
UPDATE incident SET escalation_since = opened_at;
ALTER TABLE incident ALTER COLUMN escalation_since SET NOT NULL;
CREATE INDEX incident_escalation_ix ON incident (escalation_since) WHERE status = 'OPEN';

-- Operational incidents: a source that went silent.
ALTER TABLE incident DROP CONSTRAINT incident_kind_ck;
ALTER TABLE incident ADD CONSTRAINT incident_kind_ck
    CHECK (kind IN ('SPIKE', 'CRITICAL_POST', 'SOURCE_SILENT'));
