-- Every mention accepted once, by its id: a post seen again (another query, another instance,
-- a retried webhook) finds its row and is not published twice. No post text is kept here.
create table ingested_mention (
    mention_id       uuid         primary key,
    brand_id         varchar(64)  not null,
    facility_id      varchar(64),
    source           varchar(32)  not null,
    external_id      varchar(256) not null,
    author_pseudonym varchar(32),
    author_name      varchar(200),
    redactions       integer      not null default 0,
    accepted_at      timestamptz  not null
);

-- Events waiting for Kafka, written in the transaction that accepts the mention and deleted once
-- the broker has acknowledged them (acks=all). The payload holds redacted text only.
create table outbox_event (
    outbox_id    bigserial    primary key,
    event_id     uuid         not null unique,
    topic        varchar(249) not null,
    record_key   varchar(64)  not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    attempts     integer      not null default 0
);
