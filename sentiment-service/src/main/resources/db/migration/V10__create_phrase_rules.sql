-- Issue 14: brand-level phrase rules. An admin fixes the sentiment of a phrase for one brand (a
-- trauma centre's "war zone" is neutral, "Dr. Payne" is a name); the scorer reads the post with the
-- phrase blanked (NEUTRAL) or replaced by a strongly polar reserved word (POSITIVE, NEGATIVE).
-- phrase as the admin wrote it (trimmed); phrase_key its tokens in lower case, one space apart
-- (domain/PhraseRules.key), so "War  Zone" and "war zone" are one rule.
create table phrase_rule (
    rule_id    uuid        primary key,
    brand_id   text        not null,
    phrase     text        not null check (char_length(phrase) between 1 and 200),
    phrase_key text        not null,
    polarity   varchar(8)  not null check (polarity in ('NEGATIVE', 'NEUTRAL', 'POSITIVE')),
    note       text check (char_length(note) <= 500),
    created_by text        not null,
    created_at timestamptz not null,
    constraint phrase_rule_brand_phrase_key unique (brand_id, phrase_key)
);

-- One row per brand that has had rules: the fingerprint of its current rules (empty for none),
-- written in the transaction of each change. Changes of one brand lock this row, so the limit of
-- rules per brand holds under concurrent requests.
create table phrase_rule_set (
    brand_id    text        primary key,
    fingerprint text        not null,
    changed_at  timestamptz not null
);

-- The fingerprint of the brand's rules the mention was scored under ('' for none): a re-score
-- picks the mentions whose fingerprint is not their brand's current one.
alter table scored_mention add column phrase_rules text not null default '';
