-- E-mail is sent from the server's configured address only (ALERT_SMTP_FROM): the API can no longer
-- choose a channel's From, so the stored one goes. Existing channels keep working and now send
-- from the server's address.
ALTER TABLE email_channel DROP COLUMN from_address;
