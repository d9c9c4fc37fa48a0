-- The brand's own time zone (IANA, e.g. America/Chicago), for the console and the digests: the
-- day a count belongs to and the hour a digest is sent. NULL: the first facility's zone, else UTC
-- (resolved when read, so a brand follows its facilities until an admin sets one).
alter table brand add column time_zone varchar(64);
