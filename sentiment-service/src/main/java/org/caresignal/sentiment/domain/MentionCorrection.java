package org.caresignal.sentiment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An analyst's correction of one mention, a row of {@code mention_correction}: the label the
 * mention should have, the aspect labels it replaces, who corrected it and when.
 */
@Entity
@Table(name = "mention_correction")
public class MentionCorrection {

    @Id
    @Column(name = "mention_id")
    public UUID mentionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "label", nullable = false)
    public SentimentLabel label;

    /** {@code aspect:LABEL} words, sorted by aspect, space-separated; empty for none. */
    @Column(name = "aspects", nullable = false)
    public String aspects = "";

    /** The username of the verified token that corrected it. */
    @Column(name = "corrected_by", nullable = false)
    public String correctedBy;

    @Column(name = "corrected_at", nullable = false)
    public Instant correctedAt;

    @Column(name = "note")
    public String note;

    /** The corrected aspect labels by aspect, sorted. */
    public Map<String, SentimentLabel> aspectLabels() {
        return decode(aspects);
    }

    public void aspectLabels(Map<String, SentimentLabel> labels) {
        aspects = encode(labels);
    }

    /** What the mention's verdict is corrected to: the label and the aspect labels. */
    public Corrected corrected() {
        return new Corrected(label, aspectLabels());
    }

    public static String encode(Map<String, SentimentLabel> labels) {
        var out = new StringBuilder();
        new TreeMap<>(labels)
                .forEach(
                        (aspect, label) ->
                                out.append(out.isEmpty() ? "" : " ")
                                        .append(aspect)
                                        .append(':')
                                        .append(label.name()));
        return out.toString();
    }

    public static Map<String, SentimentLabel> decode(String aspects) {
        var labels = new TreeMap<String, SentimentLabel>();
        if (aspects == null || aspects.isBlank()) {
            return labels;
        }
        for (var word : aspects.trim().split(" +")) {
            int colon = word.lastIndexOf(':');
            labels.put(word.substring(0, colon), SentimentLabel.valueOf(word.substring(colon + 1)));
        }
        return labels;
    }

    /** A correction's content: the mention's label and the labels of the aspects it names. */
    public record Corrected(SentimentLabel label, Map<String, SentimentLabel> aspects) {

        public Corrected {
            aspects = Map.copyOf(new TreeMap<>(aspects));
        }

        /**
         * The score a corrected verdict carries: the model's own when it agrees with the corrected
         * label, else the middle of the label's range, so that mean scores follow the correction.
         */
        public static double score(
                SentimentLabel corrected, SentimentLabel modelLabel, double modelScore) {
            if (corrected == modelLabel) {
                return modelScore;
            }
            return switch (corrected) {
                case NEGATIVE -> -0.5;
                case NEUTRAL -> 0.0;
                case POSITIVE -> 0.5;
            };
        }
    }
}
