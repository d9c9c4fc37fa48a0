package org.caresignal.ingest.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import org.caresignal.ingest.support.Api;
import org.caresignal.ingest.support.SourceFixtures;
import org.caresignal.ingest.support.TestStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A stored credential follows its destination: a PUT that moves a connector to another scheme, host
 * or port, or to another kind, without giving the credential again is 400 naming {@code
 * credential}, for every connector type that takes one; the same host keeps it.
 */
@QuarkusTest
class SourceCredentialDestinationTest extends TestStack {

    private static LinkedHashMap<String, Object> body(
            String id, String kind, String brand, String url, String query, String credential) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("kind", kind);
        body.put("brandId", brand);
        body.put("url", url);
        if (!query.isEmpty()) {
            body.put("query", query);
        }
        if (credential != null) {
            body.put("credential", credential);
        }
        body.put("pollInterval", "PT10M");
        return body;
    }

    private static void put(String id, LinkedHashMap<String, Object> body, int status) {
        Api.asAdmin()
                .contentType("application/json")
                .body(body)
                .put("/api/sources/" + id)
                .then()
                .statusCode(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bluesky, https://bsky.social, MercyGeneral, carebot.bsky.social:abcd-efgh-ijkl-mnop,"
                + " https://bsky.social/other, https://attacker.example, https://bsky.social:8443",
        "reddit, https://oauth.reddit.com, MercyGeneral, client-id:client-secret,"
                + " https://oauth.reddit.com/r, https://attacker.example, http://oauth.reddit.com",
        "x, https://api.x.com, MercyGeneral, AAAAbearer-token,"
                + " https://api.x.com/, https://attacker.example, https://api.x.com:444",
        "mastodon, https://mastodon.example, MercyGeneral, instance-token,"
                + " https://MASTODON.example/, https://mastodon.attacker.example,"
                + " http://mastodon.example",
        "rss, https://news.example/feed.xml, '', feed-password,"
                + " https://news.example/other.xml, https://attacker.example/feed.xml,"
                + " https://news.example:8443/feed.xml"
    })
    void aNewHostWithoutTheCredentialIsRefused(
            String kind,
            String url,
            String query,
            String credential,
            String sameHost,
            String otherHost,
            String otherSchemeOrPort) {
        var brand = SourceFixtures.unique("cred-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var id = SourceFixtures.unique(kind + "-");
        Api.asAdmin()
                .contentType("application/json")
                .body(body(id, kind, brand, url, query, credential))
                .post("/api/sources")
                .then()
                .statusCode(201);

        for (var elsewhere : new String[] {otherHost, otherSchemeOrPort}) {
            Api.asAdmin()
                    .contentType("application/json")
                    .body(body(id, kind, brand, elsewhere, query, null))
                    .put("/api/sources/" + id)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations", hasSize(1))
                    .body("violations[0].field", equalTo("credential"));
        }
        Api.asAdmin().get("/api/sources/" + id).then().body("url", equalTo(url));

        // Another path on the same origin keeps the stored credential.
        put(id, body(id, kind, brand, sameHost, query, null), 200);
        Api.asAdmin().get("/api/sources/" + id).then().body("credentialSet", equalTo(true));
        // The new host with the credential given again, or with it removed, is accepted.
        put(id, body(id, kind, brand, otherHost, query, credential), 200);
        put(id, body(id, kind, brand, sameHost, query, ""), 200);
        Api.asAdmin().get("/api/sources/" + id).then().body("credentialSet", equalTo(false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"mastodon, rss", "x, bluesky", "bluesky, x"})
    void anotherKindWithoutTheCredentialIsRefused(String from, String to) {
        var brand = SourceFixtures.unique("cred-");
        SourceFixtures.brandWatching(brand, SourceFixtures.unique("T"));
        var id = SourceFixtures.unique("kind-");
        var credential = "user.example:app-pass-word";
        Api.asAdmin()
                .contentType("application/json")
                .body(body(id, from, brand, "https://same.example", "Mercy", credential))
                .post("/api/sources")
                .then()
                .statusCode(201);

        Api.asAdmin()
                .contentType("application/json")
                .body(body(id, to, brand, "https://same.example", "Mercy", null))
                .put("/api/sources/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("credential"));
        Api.asAdmin().get("/api/sources/" + id).then().body("kind", equalTo(from));
    }
}
