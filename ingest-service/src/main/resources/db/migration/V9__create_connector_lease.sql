-- Connector ownership when several ingest-service instances run: each connector is polled or
-- streamed by the one instance holding its unexpired lease. Expiry is judged by the database's
-- clock (now()), never an instance's, so clock skew between pods does not matter. A lease row goes
-- with its connector.
create table connector_lease (
    connector_id varchar(64)  primary key
                              references source_connector (connector_id) on delete cascade,
    owner        varchar(128) not null,
    acquired_at  timestamptz  not null,
    expires_at   timestamptz  not null
);
create index connector_lease_owner_idx on connector_lease (owner);

-- The instances taking part, renewed on the same heartbeat as their leases: an instance that holds
-- no lease yet (just scaled up) still counts, so the others give it its fair share.
create table ingest_instance (
    instance_id varchar(128) primary key,
    started_at  timestamptz  not null,
    expires_at  timestamptz  not null
);
