package org.caresignal.ingest.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/**
 * Requests to the service's API as a given caller: a role's token ({@link Tokens}) or none; each
 * test uses the least-privileged caller that may make the call.
 */
public final class Api {

    private Api() {}

    public static RequestSpecification anonymous() {
        return given();
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    public static RequestSpecification asViewer() {
        return as(Tokens.viewer());
    }

    public static RequestSpecification asAnalyst() {
        return as(Tokens.analyst());
    }

    public static RequestSpecification asResponder() {
        return as(Tokens.responder());
    }

    public static RequestSpecification asAdmin() {
        return as(Tokens.admin());
    }
}
