-- Who changed what and who read which post text (docs/security.md#the-audit-log).
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

create index audit_event_occurred_at_idx on audit_event (occurred_at);
create index audit_event_username_occurred_at_idx on audit_event (username, occurred_at);
create index audit_event_action_occurred_at_idx on audit_event (action, occurred_at);

-- Append-only for the application: its role may insert and read, never rewrite or remove.
-- Purging old rows is an operator's act (drop the trigger as the database owner, in a maintenance window).
create function audit_event_append_only() returns trigger
language plpgsql as $$
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
