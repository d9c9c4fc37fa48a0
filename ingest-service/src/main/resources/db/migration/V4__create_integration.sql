-- A system that pushes mentions to POST /api/mentions(/batch) with its own API key. Only the
-- SHA-256 of the key is kept (keys are 32 random bytes, so a fast hash is enough); the key itself
-- is shown once, when the integration is created. Revoked rows stay for the audit trail.
create table integration (
    integration_id uuid         primary key,
    name           varchar(64)  not null,
    origin         varchar(8)   not null,
    key_hash       varchar(64)  not null unique,
    key_prefix     varchar(16)  not null,
    brand_ids      text,
    created_at     timestamptz  not null,
    last_used_at   timestamptz,
    revoked_at     timestamptz
);

-- One active integration per name, since a mention records the name of the one that pushed it.
create unique index integration_active_name on integration (name) where revoked_at is null;

-- Which integration pushed a mention (null for the source connectors).
alter table ingested_mention add column integration varchar(64);
