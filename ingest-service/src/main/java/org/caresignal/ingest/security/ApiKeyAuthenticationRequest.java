package org.caresignal.ingest.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A CareSignal API key presented by a webhook integration, to be checked against the hashes. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
