package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.MentionIds;
import org.caresignal.ingest.event.MentionIngested;
import org.caresignal.ingest.messaging.MentionIngestedPublisher;

/** Turns an accepted post into a MentionIngested event and publishes it. */
@ApplicationScoped
public class MentionIntakeService {

    private final MentionIngestedPublisher publisher;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    public MentionIntakeService(
            MentionIngestedPublisher publisher, IngestConfig config, MeterRegistry registry) {
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    /**
     * Publishes the post and returns its mention id.
     *
     * @throws PublishedInFutureException when publishedAt lies beyond the allowed clock skew
     */
    public UUID accept(NewMention mention) {
        var now = Instant.now(clock);
        var publishedAt = mention.publishedAt() == null ? now : mention.publishedAt();
        if (publishedAt.isAfter(now.plus(config.maxClockSkew()))) {
            throw new PublishedInFutureException(publishedAt, config.maxClockSkew());
        }
        var mentionId = MentionIds.of(mention.source(), mention.externalId());
        var event =
                new MentionIngested(
                        UUID.randomUUID(),
                        MentionIngested.TYPE,
                        MentionIngested.VERSION,
                        now,
                        mentionId,
                        mention.brandId(),
                        mention.facilityId(),
                        mention.source(),
                        mention.externalId(),
                        mention.url(),
                        mention.text(),
                        publishedAt);
        publisher.publish(event);
        registry.counter("caresignal.mentions.ingested", "source", mention.source()).increment();
        Log.debugf("Published mention %s for brand %s", mentionId, mention.brandId());
        return mentionId;
    }
}
