-- Critical-post rules per brand (issue 15): a rule applies to every brand (brand_id NULL, what every
-- rule stored before this migration stays) or to one brand only. A brand's mentions are matched
-- against the global rules and its own. Rule ids stay unique across both scopes, so
-- CRITICAL_POST:<id> in an explanation names one rule.
ALTER TABLE critical_post_rule ADD COLUMN brand_id varchar(64);
ALTER TABLE critical_post_rule ADD CONSTRAINT critical_post_rule_brand_ck
    CHECK (brand_id IS NULL OR brand_id ~ '^[a-z0-9][a-z0-9-]{0,63}$');
CREATE INDEX critical_post_rule_brand_ix ON critical_post_rule (brand_id) WHERE brand_id IS NOT NULL;
