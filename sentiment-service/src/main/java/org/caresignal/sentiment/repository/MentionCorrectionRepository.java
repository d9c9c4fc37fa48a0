package org.caresignal.sentiment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caresignal.sentiment.domain.MentionCorrection;
import org.caresignal.sentiment.domain.SentimentLabel;

/** Reads and writes analysts' corrections ({@code mention_correction}), one per mention. */
@ApplicationScoped
public class MentionCorrectionRepository implements PanacheRepositoryBase<MentionCorrection, UUID> {

    /** The corrections of these mentions, by mention id. */
    public Map<UUID, MentionCorrection> of(Collection<UUID> mentionIds) {
        if (mentionIds.isEmpty()) {
            return Map.of();
        }
        return list("mentionId in ?1", mentionIds).stream()
                .collect(Collectors.toMap(c -> c.mentionId, Function.identity()));
    }

    /** A corrected mention of a brand whose text is still held, for the labelled file. */
    public record LabelledRow(
            UUID mentionId,
            SentimentLabel label,
            SentimentLabel modelLabel,
            double modelScore,
            String aspects,
            String text,
            String correctedBy,
            Instant correctedAt) {}

    /** The brand's corrected mentions that still hold their text, oldest correction first. */
    public List<LabelledRow> labelled(String brandId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                getEntityManager()
                        .createNativeQuery(
                                "select c.mention_id, c.label, m.model_label, m.model_score,"
                                        + " c.aspects, m.text, c.corrected_by, c.corrected_at"
                                        + " from mention_correction c join scored_mention m on"
                                        + " m.mention_id = c.mention_id where m.brand_id = :brand"
                                        + " and m.text is not null order by c.corrected_at,"
                                        + " c.mention_id",
                                Object[].class)
                        .setParameter("brand", brandId)
                        .getResultList();
        return rows.stream()
                .map(
                        r ->
                                new LabelledRow(
                                        (UUID) r[0],
                                        SentimentLabel.valueOf((String) r[1]),
                                        SentimentLabel.valueOf((String) r[2]),
                                        ((Number) r[3]).doubleValue(),
                                        (String) r[4],
                                        (String) r[5],
                                        (String) r[6],
                                        toInstant(r[7])))
                .toList();
    }

    /** Corrections of one label and how many of them the model's current label agrees with. */
    public record Agreement(long corrections, long agreeing) {}

    /** The brand's corrections by corrected label (every label present, zero when none). */
    public Map<SentimentLabel, Agreement> agreement(String brandId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                getEntityManager()
                        .createNativeQuery(
                                "select c.label, count(*), count(*) filter (where m.model_label ="
                                        + " c.label) from mention_correction c join scored_mention"
                                        + " m on m.mention_id = c.mention_id where m.brand_id ="
                                        + " :brand group by c.label",
                                Object[].class)
                        .setParameter("brand", brandId)
                        .getResultList();
        var result = new EnumMap<SentimentLabel, Agreement>(SentimentLabel.class);
        for (var label : SentimentLabel.values()) {
            result.put(label, new Agreement(0, 0));
        }
        for (var r : rows) {
            result.put(
                    SentimentLabel.valueOf((String) r[0]),
                    new Agreement(((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        return result;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
