package org.caresignal.alert.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.console.OverviewFigures.Counts;
import org.caresignal.alert.domain.console.RangeWindow;

/**
 * What the console's overview (and the digest) shows of one brand for one range: names and zone
 * from ingest-service, figures per brand and facility against their usual level, the aspects
 * driving negative talk, the most amplified posts (text only when asked for), open incidents (this
 * service's own) and source health. A part that could not be read is empty and named in {@link
 * #problems()} with a message fit to show (never a remote body).
 */
public record BrandOverview(
        String brandId,
        String brandName,
        ZoneId zone,
        RangeWindow window,
        Figures figures,
        List<FacilityOverview> facilities,
        List<AspectChange> aspects,
        List<Post> topNegative,
        List<Post> topPositive,
        List<SourceHealth> sources,
        Problems problems) {

    /**
     * One series' figures: the range's counts, the usual ones (mean of the earlier ranges; null
     * when unknown), the changes, net sentiment and unresolved incidents; {@code counted} false
     * when sentiment-service could not be read (then only the incidents are known).
     */
    public record Figures(
            boolean counted,
            Counts counts,
            Double usualVolume,
            Double volumeChange,
            Double negativeShare,
            Double usualNegativeShare,
            Double negativeShareChange,
            Double netSentiment,
            int openIncidents) {}

    /** A facility of the brand by name, with its figures. */
    public record FacilityOverview(String facilityId, String name, Figures figures) {}

    /**
     * An aspect of the range: negative and all mentions of it, negative ones in the range before,
     * and the change (null when the earlier range could not be read).
     */
    public record AspectChange(
            String aspect, long negative, long total, Long previousNegative, Long change) {}

    /**
     * A much-reposted post: where and when, label and score, reposts; {@code text} and {@code url}
     * only for a caller allowed to read them (null otherwise, or when removed: {@code textRemoved}
     * says why).
     */
    public record Post(
            UUID mentionId,
            String facilityId,
            String facilityName,
            String source,
            Instant publishedAt,
            SentimentLabel label,
            double score,
            long reposts,
            String text,
            String url,
            String textRemoved) {}

    /**
     * A source connector of the brand: {@code state} DELIVERING, SILENT, RATE_LIMITED, FAILING,
     * WAITING (never polled) or DISABLED, since when (null when unknown), until when for a rate
     * limit, what it delivered in the last hour and its newest item.
     */
    public record SourceHealth(
            String id,
            String kind,
            String state,
            Instant since,
            Instant until,
            long mentionsLastHour,
            Instant lastItemAt) {}

    /**
     * What could not be shown, each a message for the person or null: names and zones (ingest),
     * figures, aspects and posts (sentiment), post texts, sources (ingest).
     */
    public record Problems(
            String names,
            String figures,
            String aspects,
            String posts,
            String texts,
            String sources) {

        public static final Problems NONE = new Problems(null, null, null, null, null, null);

        public boolean any() {
            return names != null
                    || figures != null
                    || aspects != null
                    || posts != null
                    || texts != null
                    || sources != null;
        }
    }
}
