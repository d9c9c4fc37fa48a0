package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One page of {@code GET /api/mentions}: the mentions, the cursor to the next page (null on the
 * last) and the number that match (null on pages a cursor fetched).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionPage(int page, int size, Long total, String nextCursor, List<Mention> items) {

    public MentionPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
