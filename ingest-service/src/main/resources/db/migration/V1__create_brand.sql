-- A monitored health system. Its facilities are read and written with the brand, so they live in
-- the same row: [{id, name, aliases[], timeZone, location{...}}].
create table brand (
    brand_id    varchar(64)  primary key,
    name        varchar(200) not null,
    watch_query text         not null,
    facilities  jsonb        not null default '[]'::jsonb,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null default 0
);
