-- Whether a brand's published post text keeps the names of staff named with a title or a role
-- ("Nurse Kelly", "Dr. Patel"). Off by default: staff names are replaced by [STAFF] like any name;
-- a hospital that wants praise of nurse Maria kept switches it on (admin, on the brand API).
alter table brand add column keep_staff_names boolean not null default false;
