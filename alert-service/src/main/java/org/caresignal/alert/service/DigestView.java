package org.caresignal.alert.service;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What one digest e-mail says, every value ready to print (the Qute templates {@code
 * digest/digest.html} and {@code digest/digest.txt} only lay it out): names, not slugs; times in
 * the brand's zone with the zone named; numbers against their usual level; post excerpts only for
 * internal recipients.
 *
 * @param figuresNote why the figures are missing, or null
 * @param openedMore incidents opened beyond those listed (likewise resolvedMore)
 * @param problems what else could not be read (each fit to show), empty when all was read
 */
@TemplateData
public record DigestView(
        String subject,
        String title,
        String brandName,
        String rangeText,
        String zone,
        String volume,
        String volumeUsual,
        String negativeShare,
        String negativeShareUsual,
        String netSentiment,
        String figuresNote,
        List<FacilityLine> facilities,
        List<AspectLine> aspects,
        List<IncidentLine> opened,
        long openedTotal,
        long openedMore,
        List<IncidentLine> resolved,
        long resolvedTotal,
        long resolvedMore,
        List<PostLine> posts,
        boolean internal,
        String link,
        List<String> problems) {

    /** A facility by name with its volume and negative share. */
    @TemplateData
    public record FacilityLine(String name, String volume, String negativeShare) {}

    /** An aspect of negative talk: its name, negative and all mentions, change in negatives. */
    @TemplateData
    public record AspectLine(String name, long negative, long total, String change) {}

    /** An incident: when (local), severity, what, where, its status and page. */
    @TemplateData
    public record IncidentLine(
            String when, String severity, String what, String where, String status, String link) {}

    /**
     * One of the most amplified negative posts: where, from which source, when, reposts, score;
     * {@code excerpt} only for internal recipients, and null when none is stored.
     */
    @TemplateData
    public record PostLine(
            int rank,
            String facility,
            String source,
            String when,
            long reposts,
            String score,
            String excerpt) {}
}
