-- The MentionScored revision a counted mention was last counted at (0: its first scoring). A
-- MentionScored with a higher revision (an analyst's correction, a rescore) moves the mention
-- between labels in its buckets; one with the same or a lower revision is a duplicate.
ALTER TABLE counted_mention ADD COLUMN revision integer NOT NULL DEFAULT 0;
ALTER TABLE counted_mention ADD CONSTRAINT counted_mention_revision_ck CHECK (revision >= 0);

-- Counts now also go down (a mention moved out of a label). A move only ever takes from a label
-- that holds the mention, so a negative count would be a bug: the check makes it fail the
-- counting transaction instead of storing it.
ALTER TABLE brand_bucket_count ADD CONSTRAINT brand_bucket_count_nonnegative_ck
    CHECK (negative >= 0 AND neutral >= 0 AND positive >= 0);
ALTER TABLE facility_bucket_count ADD CONSTRAINT facility_bucket_count_nonnegative_ck
    CHECK (negative >= 0 AND neutral >= 0 AND positive >= 0);
