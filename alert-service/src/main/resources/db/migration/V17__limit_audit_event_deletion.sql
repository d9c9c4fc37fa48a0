-- Audit rows may now be purged, but only once they are six years old (HIPAA documentation period):
-- a DELETE of any younger row is refused, UPDATE and TRUNCATE stay refused, whatever role the
-- application connects as. The retention purge deletes rows older than max(ALERT_RETENTION_AUDIT,
-- six years).
DROP TRIGGER audit_event_no_change ON audit_event;

CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.occurred_at < now() - interval '6 years' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_change
    BEFORE UPDATE OR TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_delete_only_old
    BEFORE DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
