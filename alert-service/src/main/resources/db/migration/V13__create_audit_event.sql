-- Who did what, and who read what: one row per change of configuration or of an incident made by a
-- person or service account, and per audited read. Append-only (docs/security.md): the trigger
-- below refuses UPDATE, DELETE and TRUNCATE, whatever role the application connects as.
CREATE TABLE audit_event (
    id          bigserial     NOT NULL,
    occurred_at timestamptz   NOT NULL,
    subject     varchar(255)  NOT NULL,
    username    varchar(255)  NOT NULL,
    action      varchar(64)   NOT NULL,
    target      varchar(2000),
    row_count   integer,
    detail      text,
    CONSTRAINT audit_event_pk PRIMARY KEY (id)
);
CREATE INDEX audit_event_occurred_ix ON audit_event (occurred_at);
CREATE INDEX audit_event_username_ix ON audit_event (username, occurred_at);
CREATE INDEX audit_event_action_ix ON audit_event (action, occurred_at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_change
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
