package org.caresignal.ingest.rest;

import jakarta.validation.GroupSequence;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.caresignal.ingest.domain.PostRef;
import org.caresignal.ingest.domain.PostText;
import org.caresignal.ingest.service.NewMention;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/mentions}: one public post about a brand (and what it reposts, if any).
 * The length limits are checked first, on their own, so no pattern ever runs over an oversized
 * field.
 */
@GroupSequence({SubmitMentionRequest.Limits.class, SubmitMentionRequest.class})
public record SubmitMentionRequest(
        @NotBlank
                @Size(max = 64, groups = Limits.class)
                @Pattern(
                        regexp = SLUG,
                        message = "must be a lower-case slug such as riverside-health")
                @Schema(description = "A brand CareSignal watches (GET /api/brands)")
                String brandId,
        @Size(max = 64, groups = Limits.class)
                @Pattern(
                        regexp = SLUG,
                        message = "must be a lower-case slug such as riverside-north")
                @Schema(description = "One of the brand's facilities, if the post is about one")
                String facilityId,
        @NotBlank
                @Size(max = 32, groups = Limits.class)
                @Schema(
                        description = "Where the post was seen (" + SOURCES_DOC + ")",
                        enumeration = {"webhook", "rss", "mastodon", "reddit", "x", "bluesky"})
                String source,
        @NotBlank @Size(max = 256, groups = Limits.class) String externalId,
        @Size(max = 2048, groups = Limits.class)
                @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                String url,
        @NotBlank
                @Size(max = MAX_TEXT, groups = Limits.class)
                @Schema(
                        maxLength = MAX_TEXT,
                        description = "The post as written, up to 20,000 characters")
                String text,
        Instant publishedAt,
        @Valid RepostOf repostOf) {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,63}";

    /** Longest text taken, in characters (UTF-16 units), the same cap the connectors apply. */
    public static final int MAX_TEXT = PostText.MAX_LENGTH;

    static final String SOURCES_DOC =
            "webhook, or the network it was seen on: rss, mastodon, reddit, x, bluesky";

    /** The length limits, checked before any other rule. */
    interface Limits {}

    /**
     * The original this post reposts, quotes or crossposts: its id at its source ({@code source}
     * defaults to the post's own). The original is not ingested by this; send it too if it is about
     * the brand.
     */
    public record RepostOf(
            @Size(max = 32, groups = Limits.class)
                    @Schema(enumeration = {"webhook", "rss", "mastodon", "reddit", "x", "bluesky"})
                    String source,
            @NotBlank @Size(max = 256, groups = Limits.class) String externalId) {}

    NewMention toNewMention() {
        return new NewMention(
                brandId,
                facilityId,
                source,
                externalId,
                url,
                text,
                publishedAt,
                null,
                null,
                repostOf == null
                        ? null
                        : new PostRef(
                                repostOf.source() == null ? source : repostOf.source(),
                                repostOf.externalId()),
                null);
    }
}
