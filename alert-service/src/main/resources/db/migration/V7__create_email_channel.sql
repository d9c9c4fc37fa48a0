-- The non-secret settings of an e-mail channel (SMTP host and credentials come from the service's
-- configuration, never from the API): who receives it, the From address, the subject prefix.
CREATE TABLE email_channel (
    channel_id     uuid          NOT NULL REFERENCES notification_channel (id) ON DELETE CASCADE,
    recipients     jsonb         NOT NULL,
    from_address   varchar(320),
    subject_prefix varchar(64)   NOT NULL,
    CONSTRAINT email_channel_pk PRIMARY KEY (channel_id)
);
