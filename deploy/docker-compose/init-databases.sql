-- One database and one role per service, and one for Keycloak. The passwords come from the compose file's environment.
\set ingest_password `echo "$INGEST_DB_PASSWORD"`
\set sentiment_password `echo "$SENTIMENT_DB_PASSWORD"`
\set alert_password `echo "$ALERT_DB_PASSWORD"`
CREATE ROLE ingest LOGIN PASSWORD :'ingest_password';
CREATE DATABASE ingest OWNER ingest;
CREATE ROLE sentiment LOGIN PASSWORD :'sentiment_password';
CREATE DATABASE sentiment OWNER sentiment;
CREATE ROLE alert LOGIN PASSWORD :'alert_password';
CREATE DATABASE alert OWNER alert;
\set keycloak_password `echo "$KEYCLOAK_DB_PASSWORD"`
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak;
