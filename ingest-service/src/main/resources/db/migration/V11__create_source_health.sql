-- Source health shared by every ingest-service instance. The instance that owns a connector (its
-- lease, V9) writes the connector's health here when it changes (after each poll, page and stream
-- batch; a stream's at most every caresignal.health.save-interval), so that GET /api/sources
-- answers the same from any replica, a restarted or new owner goes on from it (backoff, next poll,
-- the source's rate limit) and an operator's change is compared against config_version.
--   owner / as_of: the instance that wrote the row and when (the database's clock); a row whose
--     writer no longer holds the lease and that is older than caresignal.health.stale-after is
--     shown as stale.
--   config_version: the connector's updated_at this health was brought in line with; the owner
--     sees a newer updated_at (a PUT served by any instance) and polls the new configuration.
--   stream_state: a stream connector's connection, position, lag and counts (JSON), else null.
create table source_health (
    connector_id          varchar(64)  primary key
                                       references source_connector (connector_id) on delete cascade,
    owner                 varchar(128) not null,
    as_of                 timestamptz  not null,
    config_version        timestamptz,
    last_poll_at          timestamptz,
    last_success_at       timestamptz,
    last_error            text,
    last_error_at         timestamptz,
    consecutive_failures  integer      not null default 0,
    rate_limited          boolean      not null default false,
    next_poll_at          timestamptz,
    rate_limit_limit      bigint,
    rate_limit_remaining  bigint,
    rate_limit_reset_at   timestamptz,
    stream_state          text
);

-- Mentions each connector accepted, per minute, written in the transaction that commits the page or
-- batch (one row update per page, not per mention), so "mentions in the last hour" is exact from
-- any instance and survives a change of owner. ingested_mention cannot give it: it does not record
-- the connector, and a post found by two connectors is stored once. Rows older than two hours are
-- deleted by the owner.
create table source_mention_minute (
    connector_id varchar(64) not null
                             references source_connector (connector_id) on delete cascade,
    minute       timestamptz not null,
    mentions     bigint      not null,
    primary key (connector_id, minute)
);
