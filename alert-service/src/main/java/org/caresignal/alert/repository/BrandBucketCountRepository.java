package org.caresignal.alert.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.SentimentLabel;

/** Per-brand, per-bucket mention counts: atomic increments and range reads. */
@ApplicationScoped
public class BrandBucketCountRepository
        implements PanacheRepositoryBase<BrandBucketCount, BrandBucketCount.Key> {

    /** Adds one mention with {@code label} to the bucket, creating the bucket on first use. */
    public void increment(String brandId, Instant bucketStart, SentimentLabel label) {
        // One upsert statement, so concurrent consumers never lose an increment.
        getEntityManager()
                .createNativeQuery(
                        """
                        INSERT INTO brand_bucket_count
                            (brand_id, bucket_start, total, negative, neutral, positive)
                        VALUES (:brandId, :bucketStart, 1, :negative, :neutral, :positive)
                        ON CONFLICT (brand_id, bucket_start) DO UPDATE SET
                            total = brand_bucket_count.total + 1,
                            negative = brand_bucket_count.negative + EXCLUDED.negative,
                            neutral = brand_bucket_count.neutral + EXCLUDED.neutral,
                            positive = brand_bucket_count.positive + EXCLUDED.positive
                        """)
                .setParameter("brandId", brandId)
                .setParameter("bucketStart", bucketStart)
                .setParameter("negative", label == SentimentLabel.NEGATIVE ? 1L : 0L)
                .setParameter("neutral", label == SentimentLabel.NEUTRAL ? 1L : 0L)
                .setParameter("positive", label == SentimentLabel.POSITIVE ? 1L : 0L)
                .executeUpdate();
    }

    /** The brand's buckets starting in {@code [fromInclusive, toExclusive)}, oldest first. */
    public List<BrandBucketCount> findStartingBetween(
            String brandId, Instant fromInclusive, Instant toExclusive) {
        return list(
                "brandId = ?1 and bucketStart >= ?2 and bucketStart < ?3",
                Sort.by("bucketStart"),
                brandId,
                fromInclusive,
                toExclusive);
    }
}
