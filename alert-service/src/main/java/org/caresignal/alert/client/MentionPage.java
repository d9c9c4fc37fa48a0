package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One page of {@code GET /api/mentions}: the mentions, the cursor to the next page (null on the
 * last) and the number that match (null on pages a cursor fetched), counted up to 10,000: {@code
 * totalCapped} true when more match (null from a sentiment-service that does not say).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionPage(
        int page,
        int size,
        Long total,
        Boolean totalCapped,
        String nextCursor,
        List<Mention> items) {

    public MentionPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public MentionPage(int page, int size, Long total, String nextCursor, List<Mention> items) {
        this(page, size, total, null, nextCursor, items);
    }
}
