package org.caresignal.alert.dashboard;

import java.util.List;
import org.caresignal.alert.dashboard.DashboardFormat.Time;
import org.caresignal.alert.dashboard.DashboardView.Choice;

/** What the mention explorer's template shows: plain values, times already in the page's zone. */
public final class ExplorerView {

    private ExplorerView() {}

    /** An aspect of a mention and the sentiment of its sentences. */
    public record AspectChip(String aspect, String label) {}

    /**
     * One mention as the explorer lists it: redacted text, effective label and score, the model's
     * own label when an analyst corrected it (with who and when), aspects, a safe link (null when
     * the stored link is not http(s)), reposts, and the correction form's choices.
     */
    public record MentionRow(
            String mentionId,
            String brandId,
            String facility,
            String source,
            String language,
            Time published,
            String text,
            String textRemoved,
            String label,
            String score,
            boolean uncertain,
            boolean corrected,
            String modelLabel,
            String modelScore,
            String correctedBy,
            Time correctedAt,
            List<AspectChip> aspects,
            String url,
            String rawUrl,
            long reposts,
            List<Choice> labelChoices,
            List<AspectChoice> aspectChoices) {}

    /** An aspect's select in the correction form: its label choices (the current one chosen). */
    public record AspectChoice(String aspect, List<Choice> labels) {}

    /**
     * The model's agreement with the brand's corrections: how many corrected mentions, how many the
     * current model labels the same, as a percent (empty when there are no corrections).
     */
    public record Agreement(
            long corrections,
            long agreeing,
            String percent,
            String modelVersion,
            List<LabelAgreement> byLabel) {}

    /** Agreement for the mentions corrected to one label. */
    public record LabelAgreement(String label, long corrections, long agreeing) {}

    /**
     * The explorer page; {@code status} is the HTTP status it goes with (400 for a bad filter, 503
     * when sentiment-service could not search).
     */
    public record ExplorerPage(
            int status,
            ExplorerFilter filter,
            List<Choice> brands,
            List<Choice> facilities,
            List<Choice> labels,
            List<Choice> sorts,
            String zone,
            String rangeNote,
            List<MentionRow> mentions,
            String total,
            String nextLink,
            String firstLink,
            String exportLink,
            String correctionsLink,
            String back,
            Agreement agreement,
            String agreementUnavailable,
            String notice,
            List<String> errors,
            String unavailable) {

        public boolean searched() {
            return errors.isEmpty() && unavailable == null;
        }
    }
}
