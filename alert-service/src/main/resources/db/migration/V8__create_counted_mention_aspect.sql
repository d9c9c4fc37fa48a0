-- The aspects a counted mention was negative about (from MentionScored's optional aspects), so an
-- alert can say which aspects drive its window's negative mentions. Written with the mention's
-- counted_mention row, in the same transaction, the first time only.
CREATE TABLE counted_mention_aspect (
    mention_id uuid        NOT NULL REFERENCES counted_mention (mention_id),
    aspect     varchar(64) NOT NULL,
    CONSTRAINT counted_mention_aspect_pk PRIMARY KEY (mention_id, aspect)
);
