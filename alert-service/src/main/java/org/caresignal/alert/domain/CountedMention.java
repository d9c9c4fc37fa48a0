package org.caresignal.alert.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A mention that has been counted once, into the bucket and label recorded here. */
@Entity
@Table(name = "counted_mention")
public class CountedMention {

    @Id
    @Column(name = "mention_id", nullable = false)
    public UUID mentionId;

    @Column(name = "brand_id", nullable = false, length = 64)
    public String brandId;

    @Column(name = "bucket_start", nullable = false)
    public Instant bucketStart;

    @Enumerated(EnumType.STRING)
    @Column(name = "label", nullable = false, length = 16)
    public SentimentLabel label;

    @Column(name = "counted_at", nullable = false)
    public Instant countedAt;
}
