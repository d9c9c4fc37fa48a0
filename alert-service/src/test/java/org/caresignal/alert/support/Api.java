package org.caresignal.alert.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/**
 * RestAssured requests carrying a bearer token: each test calls the API as the least-privileged
 * role that may make the call (docs/security.md).
 */
public final class Api {

    private Api() {}

    public static RequestSpecification asViewer() {
        return withToken(Tokens.viewer());
    }

    public static RequestSpecification asAnalyst() {
        return withToken(Tokens.analyst());
    }

    public static RequestSpecification asResponder() {
        return withToken(Tokens.responder());
    }

    public static RequestSpecification asAdmin() {
        return withToken(Tokens.admin());
    }

    /** As {@code username} with these roles. */
    public static RequestSpecification asUser(String username, String... roles) {
        return withToken(Tokens.of(username, roles));
    }

    public static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token);
    }
}
