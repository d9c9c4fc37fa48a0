-- Erasure on request (docs/privacy.md, "Erasure on request") and text retention.
--
-- ingested_mention keeps, for a new mention, url_hash: HMAC-SHA256 of "url\n" + the post's URL
-- (trimmed, scheme and host lower-cased) under the pseudonym key, so that an erasure by URL finds
-- the mention here without keeping the URL. An erased or text-purged mention keeps its row (ids,
-- brand, time: the counts and the duplicate check stay) with its identifiers set to NULL;
-- text_purged_at says when its TEXT-class columns were blanked by the retention purge.
alter table ingested_mention alter column external_id drop not null;
alter table ingested_mention add column url_hash varchar(64);
alter table ingested_mention add column text_purged_at timestamptz;
create index ingested_mention_url_hash on ingested_mention (url_hash) where url_hash is not null;
create index ingested_mention_author on ingested_mention (author_pseudonym)
    where author_pseudonym is not null;
-- The retention purge walks the oldest rows first.
create index ingested_mention_accepted_at on ingested_mention (accepted_at);

-- One erasure an admin requested: what kind (URL, POST, AUTHOR, PHRASE), by whom (the token's
-- subject and username) and how many mentions it matched. Never the URL, handle or phrase.
create table erasure (
    erasure_id        uuid         primary key,
    kind              varchar(16)  not null,
    requested_by_sub  varchar(255) not null,
    requested_by      varchar(255) not null,
    requested_at      timestamptz  not null,
    mention_count     integer      not null
);
create index erasure_requested_at on erasure (requested_at);

-- The mentions an erasure named (what MentionErased carried).
create table erasure_mention (
    erasure_id uuid        not null references erasure (erasure_id) on delete cascade,
    mention_id uuid        not null,
    brand_id   varchar(64) not null,
    primary key (erasure_id, mention_id)
);

-- Keyed hashes of what was erased: the post ("post\n" + source + "\n" + externalId), its URL, and
-- for an erasure by author the author's pseudonym. A post whose hash is here is refused at intake,
-- whenever it comes back (polled again, replayed from a file, pushed by the webhook). Never purged:
-- the hashes cannot be reversed without the key and are what makes an erasure last.
create table erased_identity (
    hash       varchar(64) primary key,
    kind       varchar(16) not null,
    erasure_id uuid        not null,
    erased_at  timestamptz not null
);

-- A service's confirmation (ErasureConfirmed) that it erased its copy; one row per erasure and
-- service, written again unchanged when a copy of the confirmation comes twice. deliveries: the
-- alert deliveries that had carried a link or excerpt of an erased mention (ids, channel name,
-- times; no link, no text).
create table erasure_confirmation (
    erasure_id   uuid        not null references erasure (erasure_id) on delete cascade,
    service      varchar(32) not null,
    confirmed_at timestamptz not null,
    erased       integer     not null,
    deliveries   jsonb       not null default '[]'::jsonb,
    primary key (erasure_id, service)
);
