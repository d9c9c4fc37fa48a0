package org.caresignal.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.Brand;
import org.caresignal.ingest.domain.BrandMatcher.BrandMatch;
import org.caresignal.ingest.domain.IngestedMention;
import org.caresignal.ingest.domain.LanguageDetector;
import org.caresignal.ingest.domain.MentionIds;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.domain.Redactor;
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
    private final Event<OutboxWritten> written;
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
            MeterRegistry registry,
            Event<OutboxWritten> written) {
        this.mentions = mentions;
        this.brands = brands;
        this.outbox = outbox;
        this.privacy = privacy;
        this.erased = erased;
        this.mapper = mapper;
        this.config = config;
        this.registry = registry;
        this.written = written;
        this.clock = Clock.systemUTC();
    }

    /**
     * What became of one post of a batch: {@code accepted} (which may say duplicate or erased), or
     * {@code refusal}, an {@link InvalidInputException} (unknown brand or facility) or a {@link
     * PublishedInFutureException}, with nothing written for it.
     */
    public record Outcome(Accepted accepted, RuntimeException refusal) {

        static Outcome of(Accepted accepted) {
            return new Outcome(accepted, null);
        }

        static Outcome refused(RuntimeException refusal) {
            return new Outcome(null, refusal);
        }

        /** The accepted result, or the refusal thrown. */
        Accepted orThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return accepted;
        }
    }

    /** A post and the brands it is to be recorded for (its own brandId and facilityId unused). */
    public record MatchedPost(NewMention post, List<BrandMatch> brands) {}

    /** A post that passed the checks, with what its rows and events are made of. */
    private record Prepared(
            int index,
            NewMention post,
            UUID postId,
            List<BrandMatch> brands,
            Instant publishedAt,
            Redactor.Result redacted,
            String language,
            UUID repostOf,
            IngestedMention first) {}

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
        return acceptAll(List.of(mention)).get(0).orThrow();
    }

    /**
     * Accepts a batch of posts, each for its one brand (and facility) as {@link
     * #accept(NewMention)} does, in one transaction and with a fixed number of statements whatever
     * the batch's size (the brands, the erased identities, the mention rows, the outbox rows): each
     * post gets its own outcome in list order, a refused one writes nothing and does not stop the
     * others; a post twice in the batch is a duplicate the second time. A database failure leaves
     * none of the batch (sending it again is safe: what was taken comes back as duplicate).
     */
    @Transactional
    public List<Outcome> acceptAll(List<NewMention> posts) {
        var known = knownBrands(posts);
        var outcomes = new ArrayList<Outcome>(posts.size());
        var pending = new ArrayList<MatchedPost>(posts.size());
        var pendingAt = new ArrayList<Integer>(posts.size());
        for (var post : posts) {
            var unknown = unknownBrandOrFacility(known, post.brandId(), post.facilityId());
            if (unknown != null) {
                outcomes.add(Outcome.refused(unknown));
                continue;
            }
            pendingAt.add(outcomes.size());
            outcomes.add(null);
            pending.add(
                    new MatchedPost(
                            post, List.of(new BrandMatch(post.brandId(), post.facilityId()))));
        }
        var accepted = acceptEach(pending);
        for (int i = 0; i < accepted.size(); i++) {
            outcomes.set(pendingAt.get(i), accepted.get(i));
        }
        return outcomes;
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
        return acceptEach(List.of(new MatchedPost(post, brands))).get(0).orThrow();
    }

    /**
     * Accepts a page of posts, each for its own brands as {@link #accept(NewMention, List)} does,
     * with the fixed number of statements of {@link #acceptAll}: a connector's page or a stream's
     * batch costs a few round trips, not a few per post. Each post gets its outcome in list order;
     * a post twice in the page is a duplicate the second time.
     */
    @Transactional
    public List<Outcome> acceptMatched(List<MatchedPost> posts) {
        return acceptEach(posts);
    }

    /**
     * The intake of a batch, in the caller's transaction: the checks per post in memory, then one
     * query for the erased identities of all, one insert of every post's first mention (whose
     * primary key makes a post seen before a duplicate as a whole), one of the further brands'
     * mentions of the posts that were new, and one of all their outbox rows, in list order.
     */
    private List<Outcome> acceptEach(List<MatchedPost> pending) {
        var now = Instant.now(clock);
        var outcomes = new ArrayList<Outcome>(pending.size());
        var checked = new ArrayList<Integer>(pending.size());
        var ordered = new ArrayList<List<BrandMatch>>(pending.size());
        var identities = new ArrayList<ErasedIdentities.PostIdentity>(pending.size());
        var pseudonyms = new ArrayList<String>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            var post = pending.get(i).post();
            var brandsOfPost = inBrandOrder(pending.get(i).brands());
            var publishedAt = post.publishedAt() == null ? now : post.publishedAt();
            if (publishedAt.isAfter(now.plus(config.maxClockSkew()))) {
                outcomes.add(
                        Outcome.refused(
                                new PublishedInFutureException(
                                        publishedAt, config.maxClockSkew())));
                continue;
            }
            outcomes.add(null);
            checked.add(i);
            ordered.add(brandsOfPost);
            var authorPseudonym = privacy.pseudonym(post.source(), post.authorHandle());
            pseudonyms.add(authorPseudonym);
            identities.add(
                    new ErasedIdentities.PostIdentity(
                            post.source(), post.externalId(), post.url(), authorPseudonym));
        }
        // Before anything of a post is looked at further: an erased post is never stored again.
        var refused = erased.refusesEach(identities);
        var prepared = new ArrayList<Prepared>(checked.size());
        var seen = new HashSet<UUID>();
        var duplicates = new TreeMap<String, Integer>();
        for (int k = 0; k < checked.size(); k++) {
            int i = checked.get(k);
            var post = pending.get(i).post();
            var postId = MentionIds.of(post.source(), post.externalId());
            if (refused[k]) {
                outcomes.set(i, Outcome.of(new Accepted(postId, false, List.of(), true)));
                continue;
            }
            if (!seen.add(postId)) {
                // Earlier in this batch: what the database would say of it a moment later.
                outcomes.set(i, duplicate(postId, post, duplicates));
                continue;
            }
            var redacted = privacy.redact(post.text());
            // Detected on the text as posted, in memory; only the code is kept.
            var language = LanguageDetector.detect(post.text());
            // The original's own id, whichever brands it was recorded for.
            var repostOf = post.repostOf() == null ? null : post.repostOf().mentionId();
            var publishedAt = post.publishedAt() == null ? now : post.publishedAt();
            var brandsOfPost = ordered.get(k);
            var first =
                    row(
                            postId,
                            postId,
                            brandsOfPost.get(0),
                            post,
                            pseudonyms.get(k),
                            redacted,
                            language,
                            repostOf,
                            now);
            prepared.add(
                    new Prepared(
                            i,
                            post,
                            postId,
                            brandsOfPost,
                            publishedAt,
                            redacted,
                            language,
                            repostOf,
                            first));
        }

        var firstRows = prepared.stream().map(Prepared::first).toList();
        var newPosts = mentions.insertAllIfAbsent(firstRows);
        var further = new ArrayList<IngestedMention>();
        for (var p : prepared) {
            if (!newPosts.contains(p.postId())) {
                continue;
            }
            for (var brand : p.brands().subList(1, p.brands().size())) {
                var mentionId =
                        MentionIds.ofAdditionalBrand(
                                p.post().source(), p.post().externalId(), brand.brandId());
                further.add(
                        row(
                                mentionId,
                                p.postId(),
                                brand,
                                p.post(),
                                p.first().authorPseudonym,
                                p.redacted(),
                                p.language(),
                                p.repostOf(),
                                now));
            }
        }
        var newFurther = mentions.insertAllIfAbsent(further);

        var rows = new ArrayList<OutboxEvent>();
        var ingested = new TreeMap<String, Integer>();
        var languages = new TreeMap<String, Integer>();
        var multibrand = new TreeMap<String, Integer>();
        for (var p : prepared) {
            var post = p.post();
            if (!newPosts.contains(p.postId())) {
                outcomes.set(p.index(), duplicate(p.postId(), post, duplicates));
                continue;
            }
            var published = new ArrayList<UUID>(p.brands().size());
            for (var brand : p.brands()) {
                var mentionId =
                        published.isEmpty()
                                ? p.postId()
                                : MentionIds.ofAdditionalBrand(
                                        post.source(), post.externalId(), brand.brandId());
                if (!published.isEmpty() && !newFurther.contains(mentionId)) {
                    Log.warnf(
                            "Mention %s of post %s already existed; skipped",
                            mentionId, p.postId());
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
                                privacy.textFor(p.redacted(), brand.brandId()),
                                p.publishedAt(),
                                p.language(),
                                p.repostOf());
                var row = new OutboxEvent();
                row.eventId = event.eventId();
                row.topic = config.outbox().topic();
                row.key = event.brandId();
                row.payload = toJson(event);
                row.createdAt = now;
                rows.add(row);
                published.add(mentionId);
                ingested.merge(post.source(), 1, Integer::sum);
                languages.merge(p.language(), 1, Integer::sum);
                Log.debugf("Accepted mention %s for brand %s", mentionId, brand.brandId());
            }
            if (published.size() > 1) {
                multibrand.merge(post.source(), 1, Integer::sum);
            }
            outcomes.set(p.index(), Outcome.of(new Accepted(p.postId(), false, published)));
        }
        outbox.insertAll(rows);
        if (!rows.isEmpty()) {
            written.fire(new OutboxWritten(rows.size()));
        }
        // Counted once per batch and tag value: a counter look-up per mention is measurable.
        count("caresignal.mentions.ingested", "source", ingested);
        count("caresignal.mentions.languages", "language", languages);
        count("caresignal.mentions.multibrand", "source", multibrand);
        count("caresignal.mentions.duplicates", "source", duplicates);
        return outcomes;
    }

    private IngestedMention row(
            UUID mentionId,
            UUID postId,
            BrandMatch brand,
            NewMention post,
            String authorPseudonym,
            Redactor.Result redacted,
            String language,
            UUID repostOf,
            Instant now) {
        var record = new IngestedMention();
        record.mentionId = mentionId;
        record.postId = postId;
        record.brandId = brand.brandId();
        record.facilityId = brand.facilityId();
        record.source = post.source();
        record.externalId = post.externalId();
        record.authorPseudonym = authorPseudonym;
        record.urlHash = erased.hashes().url(post.url());
        record.authorName = privacy.displayName(post.authorName());
        record.redactions = redacted.counts().values().stream().mapToInt(Integer::intValue).sum();
        record.acceptedAt = now;
        record.integration = post.integration();
        record.language = language;
        record.repostOf = repostOf;
        return record;
    }

    private static Outcome duplicate(UUID postId, NewMention post, Map<String, Integer> counts) {
        counts.merge(post.source(), 1, Integer::sum);
        Log.debugf("Post %s was accepted before; not published again", postId);
        return Outcome.of(new Accepted(postId, true, List.of()));
    }

    private void count(String name, String tag, Map<String, Integer> byTag) {
        byTag.forEach((value, n) -> registry.counter(name, tag, value).increment(n));
    }

    /** The brands these posts name, each read once. */
    private Map<String, Brand> knownBrands(List<NewMention> posts) {
        var ids = posts.stream().map(NewMention::brandId).filter(Objects::nonNull).distinct();
        var byId = new HashMap<String, Brand>();
        var wanted = ids.toList();
        if (!wanted.isEmpty()) {
            brands.list("id in ?1", wanted).forEach(b -> byId.put(b.id, b));
        }
        return byId;
    }

    /** Why the brand or facility is refused, or null when both exist. */
    private static InvalidInputException unknownBrandOrFacility(
            Map<String, Brand> known, String brandId, String facilityId) {
        var brand = brandId == null ? null : known.get(brandId);
        if (brand == null) {
            return new InvalidInputException(
                    "brandId",
                    "is not a brand CareSignal watches (GET /api/brands lists them)",
                    null);
        }
        if (facilityId != null
                && brand.facilities.stream().noneMatch(f -> facilityId.equals(f.id()))) {
            return new InvalidInputException(
                    "facilityId", "is not one of the brand's facilities", null);
        }
        return null;
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
