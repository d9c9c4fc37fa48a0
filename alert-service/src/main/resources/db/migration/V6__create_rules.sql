-- Detector configuration per brand (absent: the service-wide ALERT_SENSITIVITY preset). Null
-- overrides keep the preset's value.
CREATE TABLE detector_config (
    brand_id     varchar(64)      NOT NULL,
    sensitivity  varchar(16)      NOT NULL,
    alpha_fire   double precision,
    min_negative bigint,
    min_total    bigint,
    min_effect   double precision,
    on_buckets   integer,
    off_buckets  integer,
    updated_at   timestamptz      NOT NULL,
    CONSTRAINT detector_config_pk PRIMARY KEY (brand_id),
    CONSTRAINT detector_config_sensitivity_ck CHECK (sensitivity IN ('LOW', 'BALANCED', 'HIGH'))
);

-- The critical-post rule set. Seeded once with the built-in defaults at the first start
-- (critical_post_rules_seeded), so deleting a default rule is not undone by a restart.
CREATE TABLE critical_post_rule (
    id          varchar(64)   NOT NULL,
    category    varchar(64)   NOT NULL,
    match_regex varchar(2000) NOT NULL,
    unless_regex varchar(2000),
    enabled     boolean       NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    CONSTRAINT critical_post_rule_pk PRIMARY KEY (id)
);
CREATE TABLE critical_post_rules_seeded (
    seeded_at timestamptz NOT NULL
);
