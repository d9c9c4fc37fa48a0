package org.caresignal.ingest.service;

/**
 * The request carries no API key, or one that is unknown or revoked (the reason, never the key).
 */
public class UnauthorizedException extends RuntimeException {

    private final boolean keyPresented;

    public UnauthorizedException(String message, boolean keyPresented) {
        super(message);
        this.keyPresented = keyPresented;
    }

    /** Whether a key was sent at all (then it was invalid), which the challenge tells apart. */
    public boolean keyPresented() {
        return keyPresented;
    }
}
