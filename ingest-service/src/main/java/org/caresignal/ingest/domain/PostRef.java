package org.caresignal.ingest.domain;

import java.util.UUID;

/** Another post named by its source and its id there, e.g. the original of a repost. */
public record PostRef(String source, String externalId) {

    /** The mention id the referenced post has (or would have) once ingested. */
    public UUID mentionId() {
        return MentionIds.of(source, externalId);
    }
}
