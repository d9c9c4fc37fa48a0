package org.caresignal.sentiment.domain;

/**
 * Who did or read something, from the verified token: {@code subject} is its {@code sub}, {@code
 * username} the principal name (preferred_username by default). Never taken from a request field.
 */
public record Actor(String subject, String username) {

    public Actor {
        if (subject == null || subject.isBlank() || username == null || username.isBlank()) {
            throw new IllegalArgumentException("an actor needs a subject and a username");
        }
    }
}
