package org.caresignal.alert.client;

import java.util.Objects;

/**
 * The access token a call to another CareSignal service is made with: the signed-in person's own
 * (dashboard pages) or a service token (the digest). Its {@link #toString()} never shows the token,
 * so it cannot reach a log by accident.
 */
public record Bearer(String token) {

    public Bearer {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("empty bearer token");
        }
    }

    /** The value of the Authorization header. */
    public String header() {
        return "Bearer " + token;
    }

    @Override
    public String toString() {
        return "Bearer[***]";
    }
}
