package org.caresignal.alert.dashboard;

import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.client.AspectCorrection;
import org.caresignal.alert.client.CallerBearer;
import org.caresignal.alert.client.SentimentClient;
import org.caresignal.alert.client.ServiceRefusedException;
import org.caresignal.alert.client.ServiceUnavailableException;
import org.caresignal.alert.dashboard.ExplorerView.ExplorerPage;
import org.caresignal.alert.domain.BrandIds;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.ConsoleExportAudit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The mention explorer for analysts: a search of sentiment-service's mentions with the history
 * API's filters (query values in, one page of mentions out), its CSV export, the brand's
 * corrections file, and the form that corrects (or un-corrects) a mention's label and aspects, all
 * as the signed-in person (their token; sentiment-service checks and audits). Forms follow
 * Post/Redirect/Get back to the same filter.
 */
@Path("/dashboard/mentions")
@DashboardPage
@Produces(MediaType.TEXT_HTML)
public class MentionExplorerResource {

    /** The type-safe Qute templates of {@code templates/MentionExplorerResource/}. */
    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance explorer(ExplorerPage page);
    }

    static final int MAX_NOTE = 500;

    /** Largest export alert-service passes on (a page of 200 rows is far below). */
    static final int MAX_EXPORT_BYTES = 32 * 1024 * 1024;

    static final String CSV = "text/csv; charset=UTF-8";
    static final String TSV = "text/tab-separated-values; charset=UTF-8";

    private static final Map<String, String> NOTICES =
            Map.of(
                    "corrected",
                    "Correction saved under your name: the mention's label is the corrected one in"
                            + " the history, the aggregates and the alert counts.",
                    "cleared",
                    "Correction removed: the model's label applies again.");

    private final ExplorerPages pages;
    private final SentimentClient sentiment;
    private final CallerBearer bearer;
    private final CurrentActor actor;
    private final ConsoleExportAudit audit;

    public MentionExplorerResource(
            ExplorerPages pages,
            SentimentClient sentiment,
            CallerBearer bearer,
            CurrentActor actor,
            ConsoleExportAudit audit) {
        this.pages = pages;
        this.sentiment = sentiment;
        this.bearer = bearer;
        this.actor = actor;
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Roles.ANALYST)
    @Operation(hidden = true)
    public Response explorer(@Context UriInfo uri, @QueryParam("done") String done) {
        var notice = done == null ? null : NOTICES.get(done);
        var page = pages.page(bearer.get(), values(uri), notice, null);
        return html(page.status(), Templates.explorer(page));
    }

    /**
     * The filter's mentions as sentiment-service's CSV (its largest page), passed through as it
     * came, after alert-service's own audit row ({@code mention.export}).
     */
    @GET
    @Path("/export.csv")
    @RolesAllowed(Roles.ANALYST)
    @Produces({"text/csv", MediaType.TEXT_HTML})
    @Operation(hidden = true)
    public Response export(@Context UriInfo uri) {
        var token = bearer.get();
        var problems = new ArrayList<String>();
        var parsed = pages.filter(values(uri), pages.brands(token, problems));
        if (!parsed.valid() || parsed.filter().brand().isEmpty()) {
            var page = pages.page(token, values(uri), null, null);
            return html(400, Templates.explorer(page));
        }
        var filter = parsed.filter().withCursor(null);
        byte[] body;
        try (var in =
                sentiment.exportCsv(
                        token,
                        ExplorerPages.query(parsed, ExplorerPages.EXPORT_SIZE)
                                .withCursor(null)
                                .withPage(null, ExplorerPages.EXPORT_SIZE))) {
            body = read(in);
        } catch (ServiceUnavailableException | IOException e) {
            return unavailable("The export failed: sentiment-service is not answering.");
        } catch (ServiceRefusedException e) {
            return refused(e, "export these mentions");
        }
        int rows = Math.max(0, csvRecords(body) - 1);
        audit.exported(actor.get(), "mention.export", filter.query(false), rows);
        return Response.ok(body, CSV)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"mentions-"
                                + filter.brand()
                                + "-"
                                + LocalDate.now(ZoneOffset.UTC)
                                + ".csv\"")
                .build();
    }

    /**
     * The brand's corrections as the labelled file ({@code label<TAB>text}) that
     * sentiment-service's evaluate and train read, after alert-service's audit row ({@code
     * corrections.export}).
     */
    @GET
    @Path("/corrections.tsv")
    @RolesAllowed(Roles.ANALYST)
    @Produces({"text/tab-separated-values", MediaType.TEXT_HTML})
    @Operation(hidden = true)
    public Response corrections(@QueryParam("brand") String brand) {
        if (!BrandIds.isValid(brand)) {
            return html(
                    400,
                    DashboardResource.Templates.error(
                            "Not a brand",
                            "Choose a brand in the explorer, then download its corrections."));
        }
        byte[] body;
        try (var in = sentiment.correctionsTsv(bearer.get(), brand)) {
            body = read(in);
        } catch (ServiceUnavailableException | IOException e) {
            return unavailable("The corrections file failed: sentiment-service is not answering.");
        } catch (ServiceRefusedException e) {
            return refused(e, "download this brand's corrections");
        }
        audit.exported(actor.get(), "corrections.export", "brand=" + brand, lines(body));
        return Response.ok(body, TSV)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"corrections-" + brand + ".tsv\"")
                .build();
    }

    /**
     * Corrects a mention's label (and the aspects whose select was changed), or with {@code
     * action=clear} takes the correction back; then back to the explorer's filter ({@code back}).
     */
    @POST
    @Path("/{id}/correction")
    @RolesAllowed(Roles.ANALYST)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @SameOriginForm
    @Operation(hidden = true)
    public Response correct(
            @PathParam("id") String rawId,
            @FormParam("action") String action,
            @FormParam("label") String label,
            @FormParam("aspect") List<String> aspects,
            @FormParam("aspectLabel") List<String> aspectLabels,
            @FormParam("note") String note,
            @FormParam("back") String back) {
        var backValues = ExplorerFilter.queryValues(back);
        var id = uuid(rawId);
        if (id == null) {
            return again(backValues, "There is no mention " + rawId + ".", 404);
        }
        boolean clear = "clear".equals(action);
        var token = bearer.get();
        try {
            if (clear) {
                sentiment.clearCorrection(token, id);
            } else {
                var chosen = label(label);
                if (chosen == null) {
                    return again(backValues, "Choose negative, neutral or positive.", 400);
                }
                var trimmed = note == null ? "" : note.strip();
                if (trimmed.length() > MAX_NOTE) {
                    return again(
                            backValues,
                            "The note can be at most " + MAX_NOTE + " characters.",
                            400);
                }
                var changed = new ArrayList<AspectCorrection>();
                var names = aspects == null ? List.<String>of() : aspects;
                var labels = aspectLabels == null ? List.<String>of() : aspectLabels;
                for (int i = 0; i < Math.min(names.size(), labels.size()); i++) {
                    var aspectLabel = label(labels.get(i));
                    if (aspectLabel != null && BrandIds.isValid(names.get(i))) {
                        changed.add(new AspectCorrection(names.get(i), aspectLabel));
                    }
                }
                sentiment.correct(
                        token,
                        id,
                        chosen,
                        changed.isEmpty() ? null : changed,
                        trimmed.isEmpty() ? null : trimmed);
            }
        } catch (ServiceUnavailableException e) {
            return again(
                    backValues,
                    "Not saved: sentiment-service is not answering. Try again in a moment.",
                    503);
        } catch (ServiceRefusedException e) {
            return again(backValues, correctionRefusal(e, clear), refusalStatus(e));
        }
        var filter = pages.filter(backValues, null).filter();
        var query = filter.query(true);
        return Response.seeOther(
                        URI.create(
                                "/dashboard/mentions?"
                                        + query
                                        + (query.isEmpty() ? "" : "&")
                                        + "done="
                                        + (clear ? "cleared" : "corrected")
                                        + "#m-"
                                        + id))
                .build();
    }

    /** A signed-in person whose roles do not allow the explorer: a 403 page saying which role. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return html(
                403,
                DashboardResource.Templates.error(
                        "Not allowed",
                        "The mention explorer, its CSV export and corrections need the analyst role"
                                + " (they show and change what people wrote). Your roles: "
                                + String.join(
                                        ", ",
                                        actor.roles().isEmpty() ? List.of("none") : actor.roles())
                                + ". The overview, timeline and incidents are open to every role."));
    }

    /** No session reached a page (the login redirect normally comes first): a page to sign in. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return html(
                401,
                DashboardResource.Templates.error(
                        "Sign in", "Your session has ended. Open the dashboard to sign in again."));
    }

    /** Anything unexpected: an HTML page that leaks nothing, logged here. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof WebApplicationException w) {
            var status = w.getResponse().getStatus();
            return html(
                    status,
                    DashboardResource.Templates.error(
                            status + " " + w.getResponse().getStatusInfo().getReasonPhrase(),
                            "The request could not be handled."));
        }
        Log.error("Mention explorer request failed", e);
        return html(
                500,
                DashboardResource.Templates.error(
                        "Something went wrong",
                        "The explorer could not show this page. Try again in a moment."));
    }

    private Response again(Map<String, String> backValues, String problem, int status) {
        var page = pages.page(bearer.get(), backValues, null, problem);
        return html(status, Templates.explorer(page));
    }

    private static String correctionRefusal(ServiceRefusedException e, boolean clear) {
        var what = clear ? "removing the correction" : "the correction";
        return switch (e.status()) {
            case 401, 403 ->
                    "Not saved: sentiment-service refused "
                            + what
                            + " (corrections need the analyst role).";
            case 404 -> "Not saved: sentiment-service has no such mention.";
            case 409 -> "Not saved: this mention's text was erased, so it cannot be corrected.";
            default ->
                    "Not saved: sentiment-service did not accept "
                            + what
                            + " (HTTP "
                            + e.status()
                            + ").";
        };
    }

    private static int refusalStatus(ServiceRefusedException e) {
        return switch (e.status()) {
            case 401, 403 -> 403;
            case 404, 409 -> e.status();
            default -> 400;
        };
    }

    private static Response unavailable(String message) {
        return html(
                503,
                DashboardResource.Templates.error(
                        "Not available", message + " Try again in a moment."));
    }

    private static Response refused(ServiceRefusedException e, String what) {
        return html(
                refusalStatus(e),
                DashboardResource.Templates.error(
                        "Refused",
                        "sentiment-service refused to "
                                + what
                                + " (HTTP "
                                + e.status()
                                + ")."
                                + (e.forbidden() ? " It needs the analyst role." : "")));
    }

    private static Map<String, String> values(UriInfo uri) {
        var values = new LinkedHashMap<String, String>();
        uri.getQueryParameters()
                .forEach(
                        (k, v) -> {
                            if (!v.isEmpty() && !k.equals("done")) {
                                values.put(k, v.get(0));
                            }
                        });
        return values;
    }

    private static byte[] read(InputStream in) throws IOException {
        var bytes = in.readNBytes(MAX_EXPORT_BYTES + 1);
        if (bytes.length > MAX_EXPORT_BYTES) {
            throw new IOException("export larger than " + MAX_EXPORT_BYTES + " bytes");
        }
        return bytes;
    }

    /** CSV records (rows, header included): line ends outside quoted fields, a last unended row. */
    static int csvRecords(byte[] csv) {
        int records = 0;
        boolean quoted = false;
        boolean content = false;
        for (byte b : csv) {
            if (b == '"') {
                quoted = !quoted;
                content = true;
            } else if (b == '\n' && !quoted) {
                records++;
                content = false;
            } else if (b != '\r') {
                content = true;
            }
        }
        return content ? records + 1 : records;
    }

    /** Non-empty lines of a labelled file (one correction each). */
    static int lines(byte[] tsv) {
        int lines = 0;
        boolean content = false;
        for (byte b : tsv) {
            if (b == '\n') {
                lines += content ? 1 : 0;
                content = false;
            } else if (b != '\r') {
                content = true;
            }
        }
        return content ? lines + 1 : lines;
    }

    private static SentimentLabel label(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SentimentLabel.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }

    private static UUID uuid(String raw) {
        if (raw == null || raw.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
