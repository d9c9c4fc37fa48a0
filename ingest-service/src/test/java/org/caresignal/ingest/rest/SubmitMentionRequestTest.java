package org.caresignal.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.caresignal.ingest.domain.SourceKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

class SubmitMentionRequestTest {

    @Test
    void theSourcesTheApiDocumentsAreExactlyTheOnesTheWebhookTakes() throws Exception {
        assertThat(SourceKind.pushableSources())
                .containsExactly("webhook", "rss", "mastodon", "reddit", "x", "bluesky");
        for (var type :
                new Class<?>[] {SubmitMentionRequest.class, SubmitMentionRequest.RepostOf.class}) {
            var documented = type.getDeclaredField("source").getAnnotation(Schema.class);
            assertThat(documented).as(type.getSimpleName() + ".source @Schema").isNotNull();
            assertThat(documented.enumeration())
                    .containsExactlyElementsOf(SourceKind.pushableSources());
        }
        assertThat(SubmitMentionRequest.SOURCES_DOC)
                .endsWith(String.join(", ", SourceKind.pushableSources().subList(1, 6)));
    }
}
