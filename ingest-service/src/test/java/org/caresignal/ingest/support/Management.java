package org.caresignal.ingest.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests to the management interface of the service under test ({@code /q/health}, {@code
 * /q/metrics}, {@code /q/openapi}), which listens on its own port, not the API's.
 */
public final class Management {

    private Management() {}

    /** A request to the management port; paths keep their {@code /q/} prefix. */
    public static RequestSpecification given() {
        return RestAssured.given().baseUri(baseUri());
    }

    /** The Prometheus text of {@code /q/metrics}. */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** {@code http://host:port} of the management interface (its random test port). */
    public static String baseUri() {
        var url =
                URI.create(
                        ConfigProvider.getConfig().getValue("test.management.url", String.class));
        return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
    }
}
