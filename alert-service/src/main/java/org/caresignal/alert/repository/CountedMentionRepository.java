package org.caresignal.alert.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.alert.domain.CountedMention;
import org.caresignal.alert.domain.LabelledMention;

/** The record of mentions already counted, which makes counting idempotent. */
@ApplicationScoped
public class CountedMentionRepository implements PanacheRepositoryBase<CountedMention, UUID> {

    /**
     * Records {@code mention} as counted into {@code bucketStart} unless it already was; must run
     * in the transaction that updates the bucket.
     *
     * @return true when this call recorded it, false for a mention counted before
     */
    public boolean recordIfAbsent(LabelledMention mention, Instant bucketStart) {
        // ON CONFLICT instead of a lookup: two concurrent deliveries of one mention cannot both
        // win.
        var inserted =
                getEntityManager()
                        .createNativeQuery(
                                """
                                INSERT INTO counted_mention (mention_id, brand_id, bucket_start, label)
                                VALUES (:mentionId, :brandId, :bucketStart, :label)
                                ON CONFLICT (mention_id) DO NOTHING
                                """)
                        .setParameter("mentionId", mention.mentionId())
                        .setParameter("brandId", mention.brandId())
                        .setParameter("bucketStart", bucketStart)
                        .setParameter("label", mention.label().name())
                        .executeUpdate();
        return inserted == 1;
    }
}
