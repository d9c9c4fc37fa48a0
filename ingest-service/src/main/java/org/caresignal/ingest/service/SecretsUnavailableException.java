package org.caresignal.ingest.service;

/** A secret cannot be stored because the service has no encryption key configured. */
public class SecretsUnavailableException extends RuntimeException {

    public SecretsUnavailableException(String message) {
        super(message);
    }
}
