package org.caresignal.ingest.support;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies for POST /api/erasures, one per kind, and the call as an admin. */
public final class Erasures {

    private Erasures() {}

    public static Map<String, Object> byUrl(String url) {
        var body = new LinkedHashMap<String, Object>();
        body.put("by", "URL");
        body.put("url", url);
        return body;
    }

    public static Map<String, Object> byPost(String source, String externalId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("by", "POST");
        body.put("source", source);
        body.put("externalId", externalId);
        return body;
    }

    public static Map<String, Object> byAuthor(String source, String handle) {
        var body = new LinkedHashMap<String, Object>();
        body.put("by", "AUTHOR");
        body.put("source", source);
        body.put("handle", handle);
        return body;
    }

    public static Map<String, Object> byPhrase(
            String brandId, String phrase, String from, String to) {
        var body = new LinkedHashMap<String, Object>();
        body.put("by", "PHRASE");
        body.put("brandId", brandId);
        body.put("phrase", phrase);
        body.put("from", from);
        body.put("to", to);
        return body;
    }

    public static Map<String, Object> dryRun(Map<String, Object> body) {
        var copy = new LinkedHashMap<>(body);
        copy.put("dryRun", true);
        return copy;
    }

    /** POST /api/erasures as an admin. */
    public static ValidatableResponse post(Map<String, Object> body) {
        return Api.asAdmin().contentType(ContentType.JSON).body(body).post("/api/erasures").then();
    }
}
