package org.caresignal.ingest.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.caresignal.ingest.domain.PostRef;
import org.caresignal.ingest.service.NewMention;

/**
 * Body of {@code POST /api/mentions}: one public post about a brand (and what it reposts, if any).
 */
public record SubmitMentionRequest(
        @NotBlank
                @Pattern(
                        regexp = SLUG,
                        message = "must be a lower-case slug such as riverside-health")
                String brandId,
        @Pattern(regexp = SLUG, message = "must be a lower-case slug such as riverside-north")
                String facilityId,
        @NotBlank
                @Pattern(
                        regexp = "[a-z][a-z0-9-]{1,31}",
                        message = "must be a source name such as mastodon")
                String source,
        @NotBlank @Size(max = 256) String externalId,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                String url,
        @NotBlank @Size(max = 20_000) String text,
        Instant publishedAt,
        @Valid RepostOf repostOf) {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,63}";

    /**
     * The original this post reposts, quotes or crossposts: its id at its source ({@code source}
     * defaults to the post's own). The original is not ingested by this; send it too if it is about
     * the brand.
     */
    public record RepostOf(
            @Pattern(
                            regexp = "[a-z][a-z0-9-]{1,31}",
                            message = "must be a source name such as mastodon")
                    String source,
            @NotBlank @Size(max = 256) String externalId) {}

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
