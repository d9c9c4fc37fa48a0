-- A configured source connector: which source it polls, for which brand, how often, and where it
-- stopped (its cursor, written in the transaction that accepts the posts it found). The credential
-- is write-only: the API never returns it and it is never logged.
create table source_connector (
    connector_id          varchar(64)   primary key,
    kind                  varchar(16)   not null,
    brand_id              varchar(64)   not null,
    base_url              varchar(2048) not null,
    query                 varchar(512),
    credential            text,
    poll_interval_seconds integer       not null,
    silent_after_seconds  bigint        not null,
    enabled               boolean       not null default true,
    cursor_state          text,
    last_item_at          timestamptz,
    silent_reported_at    timestamptz,
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null
);
