package org.caresignal.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.IngestedMention;
import org.caresignal.ingest.domain.LanguageDetector;
import org.caresignal.ingest.domain.MentionIds;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.event.MentionIngested;
import org.caresignal.ingest.repository.IngestedMentionRepository;
import org.caresignal.ingest.repository.OutboxRepository;

/**
 * Accepts a post: redacts it, records it once by mention id and writes its MentionIngested to the
 * outbox in the same transaction (the relay publishes it); a post already accepted is not written
 * again.
 */
@ApplicationScoped
public class MentionIntakeService {

    /**
     * The mention's id, and whether it had been accepted before (then nothing new is published).
     */
    public record Accepted(UUID mentionId, boolean duplicate) {}

    private final IngestedMentionRepository mentions;
    private final OutboxRepository outbox;
    private final PrivacyGuard privacy;
    private final ObjectMapper mapper;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    public MentionIntakeService(
            IngestedMentionRepository mentions,
            OutboxRepository outbox,
            PrivacyGuard privacy,
            ObjectMapper mapper,
            IngestConfig config,
            MeterRegistry registry) {
        this.mentions = mentions;
        this.outbox = outbox;
        this.privacy = privacy;
        this.mapper = mapper;
        this.config = config;
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    /**
     * Accepts the post and returns its mention id.
     *
     * @throws PublishedInFutureException when publishedAt lies beyond the allowed clock skew
     */
    @Transactional
    public Accepted accept(NewMention mention) {
        var now = Instant.now(clock);
        var publishedAt = mention.publishedAt() == null ? now : mention.publishedAt();
        if (publishedAt.isAfter(now.plus(config.maxClockSkew()))) {
            throw new PublishedInFutureException(publishedAt, config.maxClockSkew());
        }
        var mentionId = MentionIds.of(mention.source(), mention.externalId());
        var redacted = privacy.redact(mention.text());
        // Detected on the text as posted, in memory; only the code is kept.
        var language = LanguageDetector.detect(mention.text());
        var repostOf = mention.repostOf() == null ? null : mention.repostOf().mentionId();

        var record = new IngestedMention();
        record.mentionId = mentionId;
        record.brandId = mention.brandId();
        record.facilityId = mention.facilityId();
        record.source = mention.source();
        record.externalId = mention.externalId();
        record.authorPseudonym = privacy.pseudonym(mention.source(), mention.authorHandle());
        record.authorName = privacy.displayName(mention.authorName());
        record.redactions = redacted.counts().values().stream().mapToInt(Integer::intValue).sum();
        record.acceptedAt = now;
        record.integration = mention.integration();
        record.language = language;
        record.repostOf = repostOf;
        if (!mentions.insertIfAbsent(record)) {
            registry.counter("caresignal.mentions.duplicates", "source", mention.source())
                    .increment();
            Log.debugf("Mention %s was accepted before; not published again", mentionId);
            return new Accepted(mentionId, true);
        }

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
                        redacted.text(),
                        publishedAt,
                        language,
                        repostOf);
        var row = new OutboxEvent();
        row.eventId = event.eventId();
        row.topic = config.outbox().topic();
        row.key = event.brandId();
        row.payload = toJson(event);
        row.createdAt = now;
        outbox.persist(row);
        registry.counter("caresignal.mentions.ingested", "source", mention.source()).increment();
        registry.counter("caresignal.mentions.languages", "language", language).increment();
        Log.debugf("Accepted mention %s for brand %s", mentionId, mention.brandId());
        return new Accepted(mentionId, false);
    }

    private String toJson(MentionIngested event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
