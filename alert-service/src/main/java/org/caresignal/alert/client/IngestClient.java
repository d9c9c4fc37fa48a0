package org.caresignal.alert.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.caresignal.alert.client.JsonHttp.Query;
import org.caresignal.alert.config.AlertConfig;

/**
 * ingest-service's API as the console uses it ({@code caresignal.alert.console.ingest-url}): the
 * brands with their facility names and time zones, and the source connectors with their health.
 * Every call carries the given {@link Bearer}.
 */
@ApplicationScoped
public class IngestClient {

    public static final String SERVICE = "ingest-service";

    private final JsonHttp http;
    private final ObjectMapper json;

    public IngestClient(AlertConfig config, ObjectMapper json) {
        this.json = json;
        this.http =
                new JsonHttp(
                        SERVICE, config.console().ingestUrl(), config.console().timeout(), json);
    }

    /** Every brand the caller may see. */
    public List<Brand> brands(Bearer bearer) {
        return http.get(
                bearer,
                "/api/brands",
                Query.empty(),
                json.getTypeFactory().constructCollectionType(List.class, Brand.class));
    }

    /** One brand; a {@link ServiceRefusedException} 404 when there is none. */
    public Brand brand(Bearer bearer, String brandId) {
        return http.get(
                bearer, "/api/brands/" + JsonHttp.segment(brandId), Query.empty(), Brand.class);
    }

    /** Every source connector with its health. */
    public List<Source> sources(Bearer bearer) {
        return http.get(
                bearer,
                "/api/sources",
                Query.empty(),
                json.getTypeFactory().constructCollectionType(List.class, Source.class));
    }
}
