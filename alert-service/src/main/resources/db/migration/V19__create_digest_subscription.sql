-- Daily and weekly digests by e-mail, per brand (docs/privacy.md, "Data inventory"): who receives
-- them, when (a local time in the brand's time zone, from ingest-service), and whether the
-- recipients are internal (only then may a digest carry post excerpts).
CREATE TABLE digest_subscription (
    brand_id         varchar(64)  NOT NULL,
    cadence          varchar(8)   NOT NULL,
    -- ISO day of week (1 = Monday .. 7 = Sunday) of a weekly digest; NULL for a daily one.
    day_of_week      smallint,
    send_at          time         NOT NULL,
    -- A JSON array of plain addresses (personal data, kept while the subscription exists).
    recipients       jsonb        NOT NULL,
    internal         boolean      NOT NULL DEFAULT false,
    enabled          boolean      NOT NULL DEFAULT true,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    -- No period scheduled before this instant is sent: a digest created (or moved) at 15:00 with a
    -- send time of 08:00 waits for tomorrow instead of going out at once.
    not_before       timestamptz  NOT NULL,
    -- The local date of the last period sent: a period is sent once, whatever the instances.
    last_sent_period date,
    last_sent_at     timestamptz,
    -- An instance that claimed a period holds it until sending_until (a lease): another instance's
    -- tick skips it meanwhile; a failed send releases it for the next minute's tick.
    sending_period   date,
    sending_until    timestamptz,
    attempts         integer      NOT NULL DEFAULT 0,
    -- The last failure: a reply code or failure class, never the server's text or an address.
    last_error       varchar(200),
    CONSTRAINT digest_subscription_pk PRIMARY KEY (brand_id, cadence),
    CONSTRAINT digest_subscription_cadence_ck CHECK (cadence IN ('DAILY', 'WEEKLY')),
    CONSTRAINT digest_subscription_day_ck CHECK (
        (cadence = 'DAILY' AND day_of_week IS NULL)
        OR (cadence = 'WEEKLY' AND day_of_week BETWEEN 1 AND 7))
);
