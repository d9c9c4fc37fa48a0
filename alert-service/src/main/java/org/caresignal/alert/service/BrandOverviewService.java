package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.caresignal.alert.client.AspectSummary;
import org.caresignal.alert.client.Bearer;
import org.caresignal.alert.client.Brand;
import org.caresignal.alert.client.IngestClient;
import org.caresignal.alert.client.Mention;
import org.caresignal.alert.client.SentimentClient;
import org.caresignal.alert.client.SentimentHistory;
import org.caresignal.alert.client.ServiceRefusedException;
import org.caresignal.alert.client.ServiceUnavailableException;
import org.caresignal.alert.client.Source;
import org.caresignal.alert.client.TopMentions;
import org.caresignal.alert.domain.SentimentLabel;
import org.caresignal.alert.domain.console.OverviewFigures;
import org.caresignal.alert.domain.console.OverviewFigures.Counts;
import org.caresignal.alert.domain.console.Range;
import org.caresignal.alert.domain.console.RangeWindow;
import org.caresignal.alert.domain.incident.Incident;
import org.caresignal.alert.domain.incident.IncidentStatus;
import org.caresignal.alert.repository.BrandBucketCountRepository;
import org.caresignal.alert.service.BrandOverview.AspectChange;
import org.caresignal.alert.service.BrandOverview.FacilityOverview;
import org.caresignal.alert.service.BrandOverview.Figures;
import org.caresignal.alert.service.BrandOverview.Post;
import org.caresignal.alert.service.BrandOverview.Problems;
import org.caresignal.alert.service.BrandOverview.SourceHealth;

/**
 * Builds a brand's {@link BrandOverview} for a range: brand, facility names and time zone and the
 * source health from ingest-service, counts per range, aspects and the most amplified posts from
 * sentiment-service (all with the given token, so the other services apply the caller's roles and
 * audit the reads), and unresolved incidents from this service's database. Each part degrades on
 * its own: a service that does not answer empties its parts and names them in the problems.
 */
@ApplicationScoped
public class BrandOverviewService {

    /** Earlier ranges of equal length whose mean is the usual level. */
    public static final int USUAL_RANGES = 4;

    /** Aspects shown, most negative first. */
    public static final int ASPECTS = 6;

    /** Most amplified posts shown per label. */
    public static final int TOP_POSTS = 3;

    static final int INCIDENT_LIMIT = 500;

    /** Reads of other services in flight at once, over all pages being built. */
    static final int READ_THREADS = 16;

    private final SentimentClient sentiment;
    private final IngestClient ingest;
    private final IncidentService incidents;
    private final BrandBucketCountRepository counts;
    private final RuleService rules;
    private final Clock clock;

    /**
     * Threads for the reads of other services (plain HTTP with the caller's token passed in, so no
     * request context is needed); a page's reads run side by side.
     */
    private final ExecutorService reads;

    public BrandOverviewService(
            SentimentClient sentiment,
            IngestClient ingest,
            IncidentService incidents,
            BrandBucketCountRepository counts,
            RuleService rules,
            Clock clock) {
        this.counts = counts;
        this.rules = rules;
        this.sentiment = sentiment;
        this.ingest = ingest;
        this.incidents = incidents;
        this.clock = clock;
        var counter = new AtomicInteger();
        this.reads =
                Executors.newFixedThreadPool(
                        READ_THREADS,
                        r -> {
                            var t = new Thread(r, "console-read-" + counter.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * The overview of one brand; {@code withText} fetches the top posts' text and link (for roles
     * allowed to read them, or a digest for internal recipients).
     *
     * @throws ServiceRefusedException 404 when ingest-service knows no such brand
     */
    public BrandOverview overview(Bearer bearer, String brandId, Range range, boolean withText) {
        Brand brand;
        String namesProblem = null;
        try {
            brand = ingest.brand(bearer, brandId);
        } catch (ServiceRefusedException e) {
            if (e.notFound()) {
                throw e;
            }
            brand = unnamed(brandId);
            namesProblem = refused(e, "brand and facility names and the time zone");
        } catch (ServiceUnavailableException e) {
            brand = unnamed(brandId);
            namesProblem =
                    e.getMessage()
                            + ": brand and facility names and the time zone (UTC shown) are not available.";
        }
        List<Source> sources = null;
        String sourcesProblem = null;
        try {
            sources = ingest.sources(bearer);
        } catch (ServiceUnavailableException e) {
            sourcesProblem = e.getMessage() + ": source health is not available.";
        } catch (ServiceRefusedException e) {
            sourcesProblem = refused(e, "source health");
        }
        return build(bearer, brand, namesProblem, sources, sourcesProblem, range, withText);
    }

    /** The brands the caller may see, by name (ingest-service). */
    public List<Brand> brands(Bearer bearer) {
        return ingest.brands(bearer);
    }

    /**
     * The overviews of several brands already read from ingest-service, sharing one read of the
     * sources.
     */
    public List<BrandOverview> overviews(
            Bearer bearer, List<Brand> brands, Range range, boolean withText) {
        List<Source> sources = null;
        String sourcesProblem = null;
        try {
            sources = ingest.sources(bearer);
        } catch (ServiceUnavailableException e) {
            sourcesProblem = e.getMessage() + ": source health is not available.";
        } catch (ServiceRefusedException e) {
            sourcesProblem = refused(e, "source health");
        }
        var out = new ArrayList<BrandOverview>();
        for (var brand : brands) {
            out.add(build(bearer, brand, null, sources, sourcesProblem, range, withText));
        }
        return out;
    }

    private BrandOverview build(
            Bearer bearer,
            Brand brand,
            String namesProblem,
            List<Source> sources,
            String sourcesProblem,
            Range range,
            boolean withText) {
        var zone = brand.zone();
        var window = RangeWindow.of(range, zone, clock.instant());

        // The reads of sentiment-service go out together: the page waits for the slowest, not the
        // sum. The incidents are read here, on the request's thread (a database transaction).
        var previous = window.previous(1);
        var aspectsNow =
                async(
                        () ->
                                sentiment.aspects(
                                        bearer, brand.id(), window.from(), window.to(), null));
        var aspectsBefore =
                async(
                        () ->
                                sentiment.aspects(
                                        bearer, brand.id(), previous.from(), previous.to(), null));
        var topNegative =
                async(
                        () ->
                                sentiment.topMentions(
                                        bearer,
                                        brand.id(),
                                        window.from(),
                                        window.to(),
                                        null,
                                        SentimentLabel.NEGATIVE,
                                        TOP_POSTS));
        var topPositive =
                async(
                        () ->
                                sentiment.topMentions(
                                        bearer,
                                        brand.id(),
                                        window.from(),
                                        window.to(),
                                        null,
                                        SentimentLabel.POSITIVE,
                                        TOP_POSTS));
        var open = openIncidents(brand.id());
        // Volume and sentiment from this service's own bucket counts (the labels they hold follow
        // corrections and re-scores exactly once), not sentiment-service's history: a month and
        // the four before it are a few thousand rows here, millions of mentions there.
        var brandHistory = history(brand.id(), null, window);
        var facilityHistories = new LinkedHashMap<String, SentimentHistory>();
        for (var f : brand.facilities()) {
            facilityHistories.put(f.id(), history(brand.id(), f.id(), window));
        }
        var earlier = new ArrayList<RangeWindow>();
        for (int n = 1; n <= USUAL_RANGES; n++) {
            earlier.add(window.previous(n));
        }

        // The figures are this service's own counts: they do not depend on another service.
        String figuresProblem = null;
        var brandFigures = figures(brandHistory, window, earlier, count(open, null));
        var facilities = new ArrayList<FacilityOverview>();
        for (var f : brand.facilities()) {
            facilities.add(
                    new FacilityOverview(
                            f.id(),
                            f.displayName(),
                            figures(
                                    facilityHistories.get(f.id()),
                                    window,
                                    earlier,
                                    count(open, f.id()))));
        }

        String aspectsProblem = null;
        List<AspectChange> aspects = List.of();
        try {
            var now = join(aspectsNow);
            AspectSummary before = null;
            try {
                before = join(aspectsBefore);
            } catch (ServiceUnavailableException | ServiceRefusedException e) {
                Log.debugf("aspects of the previous range unavailable: %s", e.getMessage());
            }
            aspects = aspectChanges(now, before);
        } catch (ServiceUnavailableException | ServiceRefusedException e) {
            aspectsProblem = problem(e, "aspects");
        }

        String postsProblem = null;
        String textsProblem = null;
        List<Post> negative = List.of();
        List<Post> positive = List.of();
        try {
            var neg = join(topNegative);
            var pos = join(topPositive);
            Map<UUID, Mention> texts = Map.of();
            if (withText) {
                var ids = new ArrayList<UUID>();
                neg.items().forEach(i -> ids.add(i.mentionId()));
                pos.items().forEach(i -> ids.add(i.mentionId()));
                if (!ids.isEmpty()) {
                    try {
                        var found = new HashMap<UUID, Mention>();
                        sentiment.mentions(bearer, ids).forEach(m -> found.put(m.mentionId(), m));
                        texts = found;
                    } catch (ServiceUnavailableException | ServiceRefusedException e) {
                        textsProblem = problem(e, "the posts' text");
                    }
                }
            }
            negative = posts(neg, brand, texts);
            positive = posts(pos, brand, texts);
        } catch (ServiceUnavailableException | ServiceRefusedException e) {
            postsProblem = problem(e, "the most amplified posts");
        }

        List<SourceHealth> health =
                sources == null
                        ? List.of()
                        : sources.stream()
                                .filter(s -> s.brandId() == null || s.brandId().equals(brand.id()))
                                .map(BrandOverviewService::health)
                                .toList();

        return new BrandOverview(
                brand.id(),
                brand.displayName(),
                zone,
                window,
                brandFigures,
                List.copyOf(facilities),
                aspects,
                negative,
                positive,
                health,
                new Problems(
                        namesProblem,
                        figuresProblem,
                        aspectsProblem,
                        postsProblem,
                        textsProblem,
                        sourcesProblem));
    }

    /**
     * One series' counts per local hour or day over the range and the {@link #USUAL_RANGES} before
     * it, from this service's bucket counts, shaped as a history.
     */
    private SentimentHistory history(String brandId, String facilityId, RangeWindow window) {
        var first = window.previous(USUAL_RANGES);
        var unit = window.comparisonBucket();
        // Uncertain mentions count in the volume; in the share and net sentiment as the brand's
        // policy says.
        var policy = rules.uncertainPolicyFor(brandId);
        var buckets =
                counts
                        .periodCounts(
                                brandId, facilityId, first.from(), window.to(), unit, window.zone())
                        .stream()
                        .map(
                                c -> {
                                    var start = c.start().atZone(window.zone());
                                    var end =
                                            unit.equals("hour")
                                                    ? start.plusHours(1)
                                                    : start.plusDays(1);
                                    var seen = c.counts().under(policy);
                                    return new SentimentHistory.Bucket(
                                            start.toOffsetDateTime(),
                                            end.toOffsetDateTime(),
                                            seen.volume(),
                                            seen.negative(),
                                            seen.neutral(),
                                            seen.positive(),
                                            null);
                                })
                        .toList();
        return new SentimentHistory(
                brandId, first.from(), window.to(), unit, window.zone().getId(), buckets);
    }

    private <T> CompletableFuture<T> async(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, reads);
    }

    /** The read's answer, or the client's own exception (not wrapped). */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        reads.shutdownNow();
    }

    /** The figures of {@code window} against {@code earlier} ranges from a history's buckets. */
    static Figures figures(
            SentimentHistory history, RangeWindow window, List<RangeWindow> earlier, int open) {
        var current = Counts.ZERO;
        var before = new ArrayList<Counts>();
        earlier.forEach(w -> before.add(Counts.ZERO));
        for (var b : history.buckets()) {
            var start = b.start().toInstant();
            var counts = new Counts(b.volume(), b.negative(), b.neutral(), b.positive());
            if (window.contains(start)) {
                current = current.plus(counts);
                continue;
            }
            for (int i = 0; i < earlier.size(); i++) {
                if (earlier.get(i).contains(start)) {
                    before.set(i, before.get(i).plus(counts));
                }
            }
        }
        var usualVolume = OverviewFigures.usualVolume(before);
        var share = OverviewFigures.share(current.negative(), current.assessed());
        var usualShare = OverviewFigures.usualNegativeShare(before);
        return new Figures(
                true,
                current,
                usualVolume,
                OverviewFigures.change(current.volume(), usualVolume),
                share,
                usualShare,
                OverviewFigures.pointChange(share, usualShare),
                OverviewFigures.netSentiment(current),
                open);
    }

    /** Aspects by negative mentions (then name), with their change against the earlier range. */
    static List<AspectChange> aspectChanges(AspectSummary now, AspectSummary before) {
        var previous = new HashMap<String, Long>();
        if (before != null) {
            before.aspects().forEach(a -> previous.put(a.aspect(), a.negative()));
        }
        return now.aspects().stream()
                .filter(a -> a.negative() > 0)
                .sorted(
                        java.util.Comparator.comparingLong(
                                        (AspectSummary.AspectCount a) -> a.negative())
                                .reversed()
                                .thenComparing(AspectSummary.AspectCount::aspect))
                .limit(ASPECTS)
                .map(
                        a -> {
                            Long was =
                                    before == null ? null : previous.getOrDefault(a.aspect(), 0L);
                            return new AspectChange(
                                    a.aspect(),
                                    a.negative(),
                                    a.total(),
                                    was,
                                    was == null ? null : a.negative() - was);
                        })
                .toList();
    }

    private static List<Post> posts(TopMentions top, Brand brand, Map<UUID, Mention> texts) {
        return top.items().stream()
                .map(
                        i -> {
                            var m = texts.get(i.mentionId());
                            return new Post(
                                    i.mentionId(),
                                    i.facilityId(),
                                    brand.facilityName(i.facilityId()),
                                    i.source(),
                                    i.publishedAt(),
                                    i.label(),
                                    i.score(),
                                    i.reposts(),
                                    m == null ? null : m.text(),
                                    m == null ? null : m.url(),
                                    m == null ? null : m.textRemoved());
                        })
                .toList();
    }

    /**
     * What a source connector's health means for the person: disabled, silent (since its last
     * item), rate-limited (since its last success, until the reset), failing (since its last
     * success), waiting for its first poll, or delivering.
     */
    static SourceHealth health(Source s) {
        var h = s.health();
        if (!s.enabled()) {
            return new SourceHealth(s.id(), s.kind(), "DISABLED", null, null, 0, lastItem(h));
        }
        if (h == null) {
            return new SourceHealth(s.id(), s.kind(), "WAITING", null, null, 0, null);
        }
        var status = Objects.requireNonNullElse(h.status(), "NEVER_POLLED");
        var lastHour = h.mentionsLastHour();
        if (h.silent()) {
            return new SourceHealth(
                    s.id(), s.kind(), "SILENT", h.lastItemAt(), null, lastHour, h.lastItemAt());
        }
        return switch (status) {
            case "RATE_LIMITED" ->
                    new SourceHealth(
                            s.id(),
                            s.kind(),
                            "RATE_LIMITED",
                            h.lastSuccessAt(),
                            h.rateLimit() == null ? null : h.rateLimit().resetAt(),
                            lastHour,
                            h.lastItemAt());
            case "FAILING" ->
                    new SourceHealth(
                            s.id(),
                            s.kind(),
                            "FAILING",
                            h.lastSuccessAt(),
                            null,
                            lastHour,
                            h.lastItemAt());
            case "NEVER_POLLED" ->
                    new SourceHealth(s.id(), s.kind(), "WAITING", null, null, 0, h.lastItemAt());
            default ->
                    new SourceHealth(
                            s.id(),
                            s.kind(),
                            "DELIVERING",
                            h.lastSuccessAt(),
                            null,
                            lastHour,
                            h.lastItemAt());
        };
    }

    private static java.time.Instant lastItem(Source.Health h) {
        return h == null ? null : h.lastItemAt();
    }

    private List<Incident> openIncidents(String brandId) {
        var open = new ArrayList<Incident>();
        open.addAll(incidents.search(brandId, IncidentStatus.OPEN, null, INCIDENT_LIMIT));
        open.addAll(incidents.search(brandId, IncidentStatus.ACKNOWLEDGED, null, INCIDENT_LIMIT));
        return open;
    }

    /** Unresolved incidents of the brand (facilityId null) or of one facility. */
    private static int count(List<Incident> open, String facilityId) {
        if (facilityId == null) {
            return open.size();
        }
        return (int) open.stream().filter(i -> facilityId.equals(i.facilityId)).count();
    }

    private static Brand unnamed(String brandId) {
        return new Brand(brandId, brandId, List.of(), ZoneOffset.UTC.getId());
    }

    private static String problem(RuntimeException e, String what) {
        if (e instanceof ServiceRefusedException r) {
            return refused(r, what);
        }
        return e.getMessage() + ": " + what + " not available.";
    }

    private static String refused(ServiceRefusedException e, String what) {
        return e.forbidden()
                ? e.service() + " did not allow reading " + what + " with your sign-in."
                : e.service() + " refused the request for " + what + " (HTTP " + e.status() + ").";
    }
}
