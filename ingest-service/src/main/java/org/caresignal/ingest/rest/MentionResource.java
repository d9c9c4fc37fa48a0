package org.caresignal.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.Integration;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.rest.BatchMentionResponse.ItemResult;
import org.caresignal.ingest.rest.BatchMentionResponse.Status;
import org.caresignal.ingest.security.Caller;
import org.caresignal.ingest.security.Roles;
import org.caresignal.ingest.service.ErasedPostException;
import org.caresignal.ingest.service.ForbiddenException;
import org.caresignal.ingest.service.InvalidInputException;
import org.caresignal.ingest.service.MentionIntakeService;
import org.caresignal.ingest.service.NewMention;
import org.caresignal.ingest.service.PublishedInFutureException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook push of public posts, one or a batch, by an integration authenticated with its API key
 * (ApiKeyAuthenticationMechanism; a person's token is refused): validates each mention, checks its
 * brand against the integration's grant and hands it to the pipeline. The OpenAPI document names
 * the API-key schemes for these operations (OpenApiSecurityFilter). Limits come before any work on
 * the text: the body size (413, BodyLimitFilter), the batch size, then each item's field lengths,
 * its source and its brand; only a post that passed them all is redacted and matched.
 */
@Path("/api/mentions")
@Tag(name = "Mentions", description = "Push public posts about a brand into CareSignal")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
        responseCode = "401",
        description = "No API key, or an unknown or revoked one (WWW-Authenticate: Bearer)",
        content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
@APIResponse(
        responseCode = "413",
        description =
                "The body is larger than the service takes (INGEST_MAX_BODY_SIZE, 2 MiB by"
                        + " default); split the batch",
        content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
@APIResponse(
        responseCode = "411",
        description =
                "A body sent without a Content-Length (chunked): its size must be known first",
        content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
public class MentionResource {

    private static final String UNKNOWN_SOURCE =
            "must be one of " + String.join(", ", SourceKind.pushableSources());

    private final MentionIntakeService intake;
    private final Caller caller;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final IngestConfig config;

    public MentionResource(
            MentionIntakeService intake,
            Caller caller,
            ObjectMapper mapper,
            Validator validator,
            IngestConfig config) {
        this.intake = intake;
        this.caller = caller;
        this.mapper = mapper;
        this.validator = validator;
        this.config = config;
    }

    @POST
    @RolesAllowed(Roles.INTEGRATION)
    @Operation(
            summary = "Submit a mention",
            description =
                    "Redacts personal identifiers from the text, then publishes the post as"
                            + " MentionIngested (through the outbox, so it survives a Kafka outage)."
                            + " The mention id is derived from source and externalId, so submitting the"
                            + " same post again yields the same id and is counted once downstream."
                            + " brandId must name an existing brand (and facilityId one of its"
                            + " facilities); source is webhook or the network the post was seen on"
                            + " (rss, mastodon, reddit, x, bluesky); text is at most 20,000"
                            + " characters.")
    @RequestBody(content = @Content(schema = @Schema(implementation = SubmitMentionRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted for scoring")
    @APIResponse(
            responseCode = "409",
            description =
                    "The post was erased on request (by itself, its URL or its author): refused,"
                            + " not stored, not published",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    @APIResponse(
            responseCode = "400",
            description =
                    "Invalid mention, including an unknown brand or facility and an unknown"
                            + " source",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "403",
            description =
                    "The brand is not granted to the integration, or the caller is not an"
                            + " integration's API key",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public Response submit(String body) throws JsonProcessingException {
        // The key was checked before the body is read: a stranger learns nothing about validation.
        var integration = caller.integration();
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(
                    List.of(new ProblemDetail.Violation("body", "a JSON body is required")));
        }
        var request = mapper.readValue(body, SubmitMentionRequest.class);
        var violations = violationsOf(request);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        if (!integration.mayPushFor(request.brandId())) {
            throw new ForbiddenException(outOfScope(integration, request.brandId()));
        }
        var accepted = intake.accept(request.toNewMention().pushedBy(integration.name));
        if (accepted.erased()) {
            throw new ErasedPostException();
        }
        return Response.accepted(new MentionAcceptedResponse(accepted.mentionId())).build();
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Roles.INTEGRATION)
    @Operation(
            summary = "Submit up to 500 mentions at once",
            description =
                    "Body {\"mentions\": [...]} with items shaped like POST /api/mentions. Each"
                            + " item is taken on its own: the answer (200) gives, per item index,"
                            + " accepted or duplicate with its mention id, erased (the post was"
                            + " erased on request and is refused), or rejected with its"
                            + " violations (including a brand outside the integration's brands,"
                            + " an unknown brand or facility, an unknown source)."
                            + " Rejected items can be fixed and sent again; sending a whole batch again"
                            + " is safe, the items already taken come back as duplicate.")
    @RequestBody(content = @Content(schema = @Schema(implementation = BatchMentionRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "Every item was looked at; see each item's status",
            content = @Content(schema = @Schema(implementation = BatchMentionResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a batch: no mentions array, an empty one or too many items",
            content =
                    @Content(
                            mediaType = ProblemDetail.MEDIA_TYPE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(
            responseCode = "403",
            description = "The caller is not an integration's API key",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE))
    public BatchMentionResponse submitBatch(String body) throws JsonProcessingException {
        var integration = caller.integration();
        var root = body == null || body.isBlank() ? null : mapper.readTree(body);
        var items = root == null ? null : root.get("mentions");
        if (items == null || !items.isArray()) {
            throw batchProblem("must be an array of mentions");
        }
        int max = config.webhook().maxBatchSize();
        if (items.isEmpty()) {
            throw batchProblem("must hold at least one mention");
        }
        if (items.size() > max) {
            throw batchProblem(
                    "holds " + items.size() + " mentions; at most " + max + " per request");
        }
        // Every item is checked first; those that pass go to the intake together, in one
        // transaction with a fixed number of statements, instead of one transaction each.
        var results = new ArrayList<ItemResult>(items.size());
        var valid = new ArrayList<NewMention>(items.size());
        var validAt = new ArrayList<Integer>(items.size());
        for (int i = 0; i < items.size(); i++) {
            var checked = checkItem(i, items.get(i), integration);
            results.add(checked.rejection());
            if (checked.rejection() == null) {
                validAt.add(i);
                valid.add(checked.request().toNewMention().pushedBy(integration.name));
            }
        }
        if (!valid.isEmpty()) {
            var outcomes = intake.acceptAll(valid);
            for (int k = 0; k < outcomes.size(); k++) {
                int index = validAt.get(k);
                results.set(index, itemResult(index, outcomes.get(k)));
            }
        }
        return BatchMentionResponse.of(results);
    }

    /** A batch item after the checks at the edge: its rejection, or the request to accept. */
    private record Checked(ItemResult rejection, SubmitMentionRequest request) {

        static Checked rejectedWith(ItemResult rejection) {
            return new Checked(rejection, null);
        }
    }

    private Checked checkItem(int index, JsonNode item, Integration integration) {
        SubmitMentionRequest request;
        try {
            if (item == null || !item.isObject()) {
                return Checked.rejectedWith(rejected(index, "body", "must be a JSON object"));
            }
            request = mapper.treeToValue(item, SubmitMentionRequest.class);
        } catch (JsonMappingException e) {
            return Checked.rejectedWith(
                    rejected(index, fieldOf(e), "has the wrong type or format"));
        } catch (JsonProcessingException e) {
            return Checked.rejectedWith(rejected(index, "body", "is not a mention"));
        }
        var violations = violationsOf(request);
        if (!violations.isEmpty()) {
            return Checked.rejectedWith(new ItemResult(index, Status.REJECTED, null, violations));
        }
        if (!integration.mayPushFor(request.brandId())) {
            return Checked.rejectedWith(
                    rejected(index, "brandId", outOfScope(integration, request.brandId())));
        }
        return new Checked(null, request);
    }

    private static ItemResult itemResult(int index, MentionIntakeService.Outcome outcome) {
        if (outcome.refusal() instanceof PublishedInFutureException e) {
            return rejected(index, "publishedAt", e.getMessage());
        }
        if (outcome.refusal() instanceof InvalidInputException e) {
            return rejected(index, e.field(), e.getMessage());
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        var accepted = outcome.accepted();
        if (accepted.erased()) {
            return new ItemResult(
                    index,
                    Status.ERASED,
                    null,
                    List.of(new ProblemDetail.Violation("body", ErasedPostException.DETAIL)));
        }
        return new ItemResult(
                index,
                accepted.duplicate() ? Status.DUPLICATE : Status.ACCEPTED,
                accepted.mentionId(),
                null);
    }

    /**
     * The field rules, lengths alone first so that no pattern runs over an oversized field, then
     * the patterns and the sources, which must be ones CareSignal knows so that metric labels and
     * mention ids stay a fixed set.
     */
    private List<ProblemDetail.Violation> violationsOf(SubmitMentionRequest request) {
        var limits =
                InvalidRequestException.named(
                        validator.validate(request, SubmitMentionRequest.Limits.class));
        if (!limits.isEmpty()) {
            return limits;
        }
        var violations =
                new ArrayList<>(InvalidRequestException.named(validator.validate(request)));
        if (request.source() != null
                && !request.source().isBlank()
                && !SourceKind.pushable(request.source())) {
            violations.add(new ProblemDetail.Violation("source", UNKNOWN_SOURCE));
        }
        if (request.repostOf() != null
                && request.repostOf().source() != null
                && !SourceKind.pushable(request.repostOf().source())) {
            violations.add(new ProblemDetail.Violation("repostOf.source", UNKNOWN_SOURCE));
        }
        violations.sort(
                Comparator.comparing(ProblemDetail.Violation::field)
                        .thenComparing(ProblemDetail.Violation::message));
        return violations;
    }

    private static ItemResult rejected(int index, String field, String message) {
        return new ItemResult(
                index, Status.REJECTED, null, List.of(new ProblemDetail.Violation(field, message)));
    }

    private static InvalidRequestException batchProblem(String message) {
        return new InvalidRequestException(
                List.of(new ProblemDetail.Violation("mentions", message)));
    }

    private static String outOfScope(Integration integration, String brandId) {
        return "integration "
                + integration.name
                + " may not submit mentions for brand "
                + brandId
                + " (not granted to it)";
    }

    private static String fieldOf(JsonMappingException e) {
        var field =
                e.getPath().stream()
                        .map(
                                r ->
                                        r.getFieldName() != null
                                                ? r.getFieldName()
                                                : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."));
        return field.isEmpty() ? "body" : field;
    }
}
