-- Mentions already counted, so that a redelivered MentionScored is not counted twice.
CREATE TABLE counted_mention (
    mention_id   uuid         NOT NULL,
    brand_id     varchar(64)  NOT NULL,
    bucket_start timestamptz  NOT NULL,
    label        varchar(16)  NOT NULL,
    counted_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT counted_mention_pk PRIMARY KEY (mention_id),
    CONSTRAINT counted_mention_label_ck CHECK (label IN ('NEGATIVE', 'NEUTRAL', 'POSITIVE'))
);

-- Mentions per brand and time bucket (bucket_start = publishedAt floored to the bucket size, UTC).
CREATE TABLE brand_bucket_count (
    brand_id     varchar(64)  NOT NULL,
    bucket_start timestamptz  NOT NULL,
    total        bigint       NOT NULL DEFAULT 0,
    negative     bigint       NOT NULL DEFAULT 0,
    neutral      bigint       NOT NULL DEFAULT 0,
    positive     bigint       NOT NULL DEFAULT 0,
    CONSTRAINT brand_bucket_count_pk PRIMARY KEY (brand_id, bucket_start),
    CONSTRAINT brand_bucket_count_sum_ck CHECK (total = negative + neutral + positive)
);
