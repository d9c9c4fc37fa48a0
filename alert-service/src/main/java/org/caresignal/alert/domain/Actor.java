package org.caresignal.alert.domain;

/**
 * The verified person (or service account) behind a request: {@code subject} is the token's {@code
 * sub}, {@code username} its principal name (preferred_username by default).
 */
public record Actor(String subject, String username) {

    /** Longest subject and username the audit log keeps. */
    public static final int MAX_LENGTH = 255;

    public Actor {
        if (subject == null || subject.isBlank() || username == null || username.isBlank()) {
            throw new IllegalArgumentException("an actor needs a subject and a username");
        }
        subject = cut(subject);
        username = cut(username);
    }

    private static String cut(String value) {
        return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
    }
}
