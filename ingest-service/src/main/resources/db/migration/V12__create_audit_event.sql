-- Who changed what (brands, sources and their credentials, integrations, their keys and brand
-- grants) and who read the audit log, under the verified identity of the caller: subject is the
-- token's `sub` (`integration:<id>` for an API key), username its principal name. A change's row
-- is written in the change's own transaction. See docs/security.md, "The audit log".
--   action:    <object>.<verb>, e.g. brand.create, source.poll, integration.grant, audit.read
--   target:    what was acted on: an id, or the filter (query string) of a read
--   row_count: rows a read returned (null for changes)
--   detail:    short, never a secret and never post text
create table audit_event (
    id          bigserial     primary key,
    occurred_at timestamptz   not null,
    subject     varchar(255)  not null,
    username    varchar(255)  not null,
    action      varchar(64)   not null,
    target      varchar(2000),
    row_count   integer,
    detail      text
);

create index audit_event_occurred_at on audit_event (occurred_at);
create index audit_event_username_occurred_at on audit_event (username, occurred_at);
create index audit_event_action_occurred_at on audit_event (action, occurred_at);

-- Append-only for the application: its own role may insert and read, never change or remove a row.
-- Purging old rows is an operator's act with the database owner's role (docs/privacy.md): drop or
-- disable these triggers in that session.
create function audit_event_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();
