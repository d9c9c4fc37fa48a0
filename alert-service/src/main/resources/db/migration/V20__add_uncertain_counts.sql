-- Uncertain mentions (issue 14): the scorer says when it is not sure of a label, and a post in a
-- language the model does not read is published NEUTRAL and uncertain. The buckets keep, within
-- each label's count, how many were uncertain and how many unread, so a brand's uncertain policy
-- (below) is applied when counts are read: a change of policy applies to the whole history alike,
-- and the stored counts never depend on the policy of the day.

-- How a counted mention was counted: CERTAIN, UNCERTAIN (in a language the model reads) or
-- UNREAD_LANGUAGE. A revision moves the mention out of the columns this names.
ALTER TABLE counted_mention ADD COLUMN certainty varchar(16) NOT NULL DEFAULT 'CERTAIN';
ALTER TABLE counted_mention ADD CONSTRAINT counted_mention_certainty_ck
    CHECK (certainty IN ('CERTAIN', 'UNCERTAIN', 'UNREAD_LANGUAGE'));

-- Subsets of negative / neutral / positive: rows counted before this migration are all certain.
ALTER TABLE brand_bucket_count
    ADD COLUMN negative_uncertain bigint NOT NULL DEFAULT 0,
    ADD COLUMN neutral_uncertain  bigint NOT NULL DEFAULT 0,
    ADD COLUMN positive_uncertain bigint NOT NULL DEFAULT 0,
    ADD COLUMN negative_unread    bigint NOT NULL DEFAULT 0,
    ADD COLUMN neutral_unread     bigint NOT NULL DEFAULT 0,
    ADD COLUMN positive_unread    bigint NOT NULL DEFAULT 0;
ALTER TABLE brand_bucket_count ADD CONSTRAINT brand_bucket_count_uncertain_ck
    CHECK (negative_uncertain >= 0 AND neutral_uncertain >= 0 AND positive_uncertain >= 0
       AND negative_unread >= 0 AND neutral_unread >= 0 AND positive_unread >= 0
       AND negative_uncertain + negative_unread <= negative
       AND neutral_uncertain + neutral_unread <= neutral
       AND positive_uncertain + positive_unread <= positive);

ALTER TABLE facility_bucket_count
    ADD COLUMN negative_uncertain bigint NOT NULL DEFAULT 0,
    ADD COLUMN neutral_uncertain  bigint NOT NULL DEFAULT 0,
    ADD COLUMN positive_uncertain bigint NOT NULL DEFAULT 0,
    ADD COLUMN negative_unread    bigint NOT NULL DEFAULT 0,
    ADD COLUMN neutral_unread     bigint NOT NULL DEFAULT 0,
    ADD COLUMN positive_unread    bigint NOT NULL DEFAULT 0;
ALTER TABLE facility_bucket_count ADD CONSTRAINT facility_bucket_count_uncertain_ck
    CHECK (negative_uncertain >= 0 AND neutral_uncertain >= 0 AND positive_uncertain >= 0
       AND negative_unread >= 0 AND neutral_unread >= 0 AND positive_unread >= 0
       AND negative_uncertain + negative_unread <= negative
       AND neutral_uncertain + neutral_unread <= neutral
       AND positive_uncertain + positive_unread <= positive);

-- What an uncertain mention does in a brand's negative triggers (absent: EXCLUDE).
CREATE TABLE uncertain_policy (
    brand_id   varchar(64) NOT NULL,
    policy     varchar(16) NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT uncertain_policy_pk PRIMARY KEY (brand_id),
    CONSTRAINT uncertain_policy_policy_ck CHECK (policy IN ('NEGATIVE', 'NEUTRAL', 'EXCLUDE'))
);
