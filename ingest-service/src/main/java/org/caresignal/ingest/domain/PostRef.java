package org.caresignal.ingest.domain;

import java.util.UUID;

/** Another post named by its source and its id there, e.g. the original of a repost. */
public record PostRef(String source, String externalId) {

    /**
     * The referenced post's own id, which it has (or would have) once ingested: the mention id of
     * its first brand, whichever brands it matches, so it identifies the post rather than one of
     * its mentions.
     */
    public UUID mentionId() {
        return MentionIds.of(source, externalId);
    }
}
