-- Actors are now verified usernames from the identity provider, up to 255 characters.
ALTER TABLE incident ALTER COLUMN acknowledged_by TYPE varchar(255);
ALTER TABLE incident ALTER COLUMN resolved_by TYPE varchar(255);
ALTER TABLE incident_audit ALTER COLUMN actor TYPE varchar(255);
