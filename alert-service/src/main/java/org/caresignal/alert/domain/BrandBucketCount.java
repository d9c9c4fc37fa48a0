package org.caresignal.alert.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * How many mentions of a brand, by label (and within each label, how many uncertain or in a
 * language the model does not read), were published within one time bucket.
 */
@Entity
@Table(name = "brand_bucket_count")
@IdClass(BrandBucketCount.Key.class)
public class BrandBucketCount {

    @Id
    @Column(name = "brand_id", nullable = false, length = 64)
    public String brandId;

    @Id
    @Column(name = "bucket_start", nullable = false)
    public Instant bucketStart;

    @Column(name = "total", nullable = false)
    public long total;

    @Column(name = "negative", nullable = false)
    public long negative;

    @Column(name = "neutral", nullable = false)
    public long neutral;

    @Column(name = "positive", nullable = false)
    public long positive;

    @Column(name = "negative_uncertain", nullable = false)
    public long negativeUncertain;

    @Column(name = "neutral_uncertain", nullable = false)
    public long neutralUncertain;

    @Column(name = "positive_uncertain", nullable = false)
    public long positiveUncertain;

    @Column(name = "negative_unread", nullable = false)
    public long negativeUnread;

    @Column(name = "neutral_unread", nullable = false)
    public long neutralUnread;

    @Column(name = "positive_unread", nullable = false)
    public long positiveUnread;

    /** The stored split of this bucket. */
    public LabelCounts counts() {
        return new LabelCounts(
                total,
                negative,
                neutral,
                positive,
                negativeUncertain,
                neutralUncertain,
                positiveUncertain,
                negativeUnread,
                neutralUnread,
                positiveUnread);
    }

    /** Primary key: brand and bucket start. */
    public static class Key implements Serializable {

        public String brandId;
        public Instant bucketStart;

        public Key() {}

        public Key(String brandId, Instant bucketStart) {
            this.brandId = brandId;
            this.bucketStart = bucketStart;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(brandId, k.brandId)
                    && Objects.equals(bucketStart, k.bucketStart);
        }

        @Override
        public int hashCode() {
            return Objects.hash(brandId, bucketStart);
        }
    }
}
