package org.caresignal.alert.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.caresignal.alert.dashboard.DashboardFormat.Time;

/**
 * What the incident page shows besides the incident's own record (see {@link DashboardView}): the
 * chart of its window against the baseline, the posts behind it, and related incidents.
 */
public final class IncidentPageView {

    private IncidentPageView() {}

    /** The brand's and facility's names as people read them (the ids when ingest cannot say). */
    public record Names(String brand, String facility) {}

    /** One bucket of the chart as the accessible table shows it. */
    public record ChartRow(
            Time start,
            long total,
            long negative,
            boolean inWindow,
            String value,
            String expected) {}

    /**
     * The window against its baseline: a table (the data, readable without script), an SVG outline
     * of the measure and its expectation, and the series as {@code data-*} number lists for the
     * chart script ({@code x} and the window in epoch seconds; an empty entry is no value).
     */
    public record Chart(
            String measure,
            String measureLabel,
            String bucketMinutes,
            String zone,
            List<ChartRow> rows,
            int width,
            int height,
            String valuePath,
            String expectedPath,
            int windowX,
            int windowWidth,
            String peak,
            String dataX,
            String dataValues,
            String dataExpected,
            long windowFrom,
            long windowTo) {

        public boolean empty() {
            return rows.isEmpty();
        }
    }

    /** An incident of the same brand and facility near this one in time. */
    public record RelatedRow(
            String id, String severity, String kind, String status, Time opened, String summary) {}

    /**
     * A post behind the incident. For viewers and admins only its id and what is not text (label,
     * score, time); {@code text}, {@code url} and {@code aspects} are empty then.
     */
    public record Post(
            String mentionId,
            String source,
            Time published,
            String label,
            String score,
            List<String> aspects,
            String text,
            String url,
            String rawUrl,
            long reposts,
            String textRemoved) {}

    /**
     * The posts section: {@code withText} when the person may read posts, {@code unavailable} the
     * reason the posts could not be read (sentiment-service down, refused), never the remote body.
     */
    public record Posts(
            boolean withText, String unavailable, long negativeInWindow, List<Post> items) {}

    /**
     * What the page needs to read the posts from sentiment-service (not shown): the series, the
     * window and the sample mention ids of the explanation.
     */
    public record Lookup(
            String brandId, String facilityId, Instant from, Instant to, List<String> sampleIds) {}

    /** An incident's brand, facility (null: brand-wide) and the zone its routes use. */
    public record Series(String brandId, String facilityId, ZoneId routeZone) {}
}
