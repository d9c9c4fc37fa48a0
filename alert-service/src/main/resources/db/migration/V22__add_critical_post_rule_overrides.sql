-- Issue 15 point 4: a brand's rule may take the place of a global rule for that brand's posts
-- (overrides = the global rule's id); disabled, it switches the global rule off for the brand.
-- Only a brand's rule can override. No foreign key: a global rule deleted later leaves the override
-- harmless (it overrides nothing).
ALTER TABLE critical_post_rule ADD COLUMN overrides varchar(64);
ALTER TABLE critical_post_rule ADD CONSTRAINT critical_post_rule_overrides_ck
    CHECK (overrides IS NULL OR (brand_id IS NOT NULL AND overrides ~ '^[a-z0-9][a-z0-9-]{0,63}$'));
