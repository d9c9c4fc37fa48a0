-- The audit log stays append-only for six years (HIPAA documentation retention): UPDATE and TRUNCATE
-- are refused always, DELETE only for rows younger than six years, so the retention purge
-- (SENTIMENT_RETENTION_AUDIT) can remove what is older and nothing else, whatever it is told.
create or replace function audit_event_append_only() returns trigger
language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.occurred_at < now() - interval '6 years' then
            return old;
        end if;
    end if;
    raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
