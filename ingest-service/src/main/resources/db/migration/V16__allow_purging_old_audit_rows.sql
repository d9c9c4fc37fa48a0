-- Audit rows are kept six years (HIPAA's documentation retention) and then purged by the service's
-- retention job (INGEST_RETENTION_AUDIT, never less than six years). The append-only rule stays for
-- everything else: UPDATE and TRUNCATE are always refused, and DELETE of a row younger than six
-- years is refused whoever asks, so a purge misconfigured to a shorter age cannot remove one.
create or replace function audit_event_append_only() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' and old.occurred_at < now() - interval '6 years' then
        return old;
    end if;
    raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
