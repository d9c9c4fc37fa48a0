package org.caresignal.ingest.domain;

/**
 * Who did something, as the verified identity says: the token's subject ({@code sub}, or {@code
 * integration:<id>} for an API key) and its username (the principal name); never a name the caller
 * typed.
 */
public record Actor(String subject, String username) {

    /** The service itself acting on its configuration at start (INGEST_WEBHOOK_KEYS). */
    public static final Actor CONFIGURATION =
            new Actor("system:configuration", "INGEST_WEBHOOK_KEYS");

    public Actor {
        if (subject == null || subject.isBlank() || username == null || username.isBlank()) {
            throw new IllegalArgumentException("an actor needs a subject and a username");
        }
    }
}
