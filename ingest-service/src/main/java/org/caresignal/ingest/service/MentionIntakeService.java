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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.BrandMatcher.BrandMatch;
import org.caresignal.ingest.domain.IngestedMention;
import org.caresignal.ingest.domain.LanguageDetector;
import org.caresignal.ingest.domain.MentionIds;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.event.MentionIngested;
import org.caresignal.ingest.repository.BrandRepository;
import org.caresignal.ingest.repository.IngestedMentionRepository;
import org.caresignal.ingest.repository.OutboxRepository;

/**
 * Accepts a post: redacts it, records it once per brand it belongs to and writes one
 * MentionIngested per brand to the outbox, all in one transaction (the relay publishes them); a
 * post already accepted, for whatever brand, is not written again.
 */
@ApplicationScoped
public class MentionIntakeService {

    /**
     * What became of a post: {@code mentionId} is the post's own id (the mention of its first
     * brand), {@code duplicate} says it had been accepted before (then nothing new is published),
     * and {@code published} lists the mention ids written now, one per brand in brand-id order;
     * {@code erased} says the post was erased on request before and is refused (nothing written).
     */
    public record Accepted(
            UUID mentionId, boolean duplicate, List<UUID> published, boolean erased) {

        public Accepted(UUID mentionId, boolean duplicate, List<UUID> published) {
            this(mentionId, duplicate, published, false);
        }
    }

    private final IngestedMentionRepository mentions;
    private final BrandRepository brands;
    private final OutboxRepository outbox;
    private final PrivacyGuard privacy;
    private final ErasedIdentities erased;
    private final ObjectMapper mapper;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    public MentionIntakeService(
            IngestedMentionRepository mentions,
            BrandRepository brands,
            OutboxRepository outbox,
            PrivacyGuard privacy,
            ErasedIdentities erased,
            ObjectMapper mapper,
            IngestConfig config,
            MeterRegistry registry) {
        this.mentions = mentions;
        this.brands = brands;
        this.outbox = outbox;
        this.privacy = privacy;
        this.erased = erased;
        this.mapper = mapper;
        this.config = config;
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    /**
     * Accepts the post for its one brand (and facility), as the webhook names it; both must exist,
     * so an invented id never reaches the events, the downstream counts or their per-series state.
     *
     * @throws InvalidInputException naming brandId or facilityId when there is no such brand, or no
     *     such facility of it
     * @throws PublishedInFutureException when publishedAt lies beyond the allowed clock skew
     */
    @Transactional
    public Accepted accept(NewMention mention) {
        requireKnown(mention.brandId(), mention.facilityId());
        return accept(mention, List.of(new BrandMatch(mention.brandId(), mention.facilityId())));
    }

    /**
     * Accepts the post once for each of these brands, each with its own facility (the post's own
     * brandId and facilityId are not used): one mention row and one outbox row per brand, in one
     * transaction, so a failure leaves none of them. The set of brands is decided here, at the
     * post's first sighting: a post recorded before (by source and externalId, for whatever brand)
     * is a duplicate as a whole, so a brand created since never picks an old post up.
     *
     * @throws PublishedInFutureException when publishedAt lies beyond the allowed clock skew
     */
    @Transactional
    public Accepted accept(NewMention post, List<BrandMatch> brands) {
        var now = Instant.now(clock);
        var publishedAt = post.publishedAt() == null ? now : post.publishedAt();
        if (publishedAt.isAfter(now.plus(config.maxClockSkew()))) {
            throw new PublishedInFutureException(publishedAt, config.maxClockSkew());
        }
        var ordered = inBrandOrder(brands);
        var postId = MentionIds.of(post.source(), post.externalId());
        var authorPseudonym = privacy.pseudonym(post.source(), post.authorHandle());
        // Before anything of the post is looked at further: an erased post is never stored again.
        if (erased.refuses(post.source(), post.externalId(), post.url(), authorPseudonym)) {
            return new Accepted(postId, false, List.of(), true);
        }
        var urlHash = erased.hashes().url(post.url());
        var redacted = privacy.redact(post.text());
        // Detected on the text as posted, in memory; only the code is kept.
        var language = LanguageDetector.detect(post.text());
        // The original's own id, whichever brands it was recorded for.
        var repostOf = post.repostOf() == null ? null : post.repostOf().mentionId();
        var authorName = privacy.displayName(post.authorName());
        var redactions = redacted.counts().values().stream().mapToInt(Integer::intValue).sum();

        var published = new ArrayList<UUID>(ordered.size());
        for (var brand : ordered) {
            var mentionId =
                    published.isEmpty()
                            ? postId
                            : MentionIds.ofAdditionalBrand(
                                    post.source(), post.externalId(), brand.brandId());
            var record = new IngestedMention();
            record.mentionId = mentionId;
            record.postId = postId;
            record.brandId = brand.brandId();
            record.facilityId = brand.facilityId();
            record.source = post.source();
            record.externalId = post.externalId();
            record.authorPseudonym = authorPseudonym;
            record.urlHash = urlHash;
            record.authorName = authorName;
            record.redactions = redactions;
            record.acceptedAt = now;
            record.integration = post.integration();
            record.language = language;
            record.repostOf = repostOf;
            if (!mentions.insertIfAbsent(record)) {
                if (published.isEmpty()) {
                    // The post's first row always has the post's own id, so this is the one
                    // check that makes a post seen before a duplicate as a whole.
                    registry.counter("caresignal.mentions.duplicates", "source", post.source())
                            .increment();
                    Log.debugf("Post %s was accepted before; not published again", postId);
                    return new Accepted(postId, true, List.of());
                }
                Log.warnf("Mention %s of post %s already existed; skipped", mentionId, postId);
                continue;
            }
            var event =
                    new MentionIngested(
                            UUID.randomUUID(),
                            MentionIngested.TYPE,
                            MentionIngested.VERSION,
                            now,
                            mentionId,
                            brand.brandId(),
                            brand.facilityId(),
                            post.source(),
                            post.externalId(),
                            post.url(),
                            privacy.textFor(redacted, brand.brandId()),
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
            published.add(mentionId);
            registry.counter("caresignal.mentions.ingested", "source", post.source()).increment();
            registry.counter("caresignal.mentions.languages", "language", language).increment();
            Log.debugf("Accepted mention %s for brand %s", mentionId, brand.brandId());
        }
        if (published.size() > 1) {
            registry.counter("caresignal.mentions.multibrand", "source", post.source()).increment();
        }
        return new Accepted(postId, false, List.copyOf(published));
    }

    private void requireKnown(String brandId, String facilityId) {
        var brand =
                brands.findByIdOptional(brandId)
                        .orElseThrow(
                                () ->
                                        new InvalidInputException(
                                                "brandId",
                                                "is not a brand CareSignal watches (GET"
                                                        + " /api/brands lists them)",
                                                null));
        if (facilityId != null
                && brand.facilities.stream().noneMatch(f -> facilityId.equals(f.id()))) {
            throw new InvalidInputException(
                    "facilityId", "is not one of the brand's facilities", null);
        }
    }

    /** The brands in brand-id order, each once (the first occurrence keeps its facility). */
    private static List<BrandMatch> inBrandOrder(List<BrandMatch> brands) {
        if (brands == null || brands.isEmpty()) {
            throw new IllegalArgumentException("a post needs at least one brand");
        }
        var byBrand = new TreeMap<String, BrandMatch>();
        for (var b : brands) {
            byBrand.putIfAbsent(b.brandId(), b);
        }
        return List.copyOf(byBrand.values());
    }

    private String toJson(MentionIngested event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
