package org.caresignal.sentiment.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;
import org.caresignal.sentiment.domain.SentimentLabel;

/** A brand's most reposted mentions, without text or link (any role may read them). */
public record TopMentionsResponse(List<TopMention> items) {

    /** One mention: where and when it was posted, its effective verdict and its reposts. */
    public record TopMention(
            UUID mentionId,
            String facilityId,
            String source,
            Instant publishedAt,
            SentimentLabel label,
            double score,
            int reposts) {

        static TopMention from(ScoredMention m) {
            return new TopMention(
                    m.mentionId,
                    m.facilityId,
                    m.source,
                    m.publishedAt,
                    m.label,
                    m.score,
                    m.reposts);
        }
    }
}
