package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.client.Bearer;
import org.caresignal.alert.client.IngestClient;
import org.caresignal.alert.client.SentimentClient;
import org.caresignal.alert.client.ServiceRefusedException;
import org.caresignal.alert.client.ServiceUnavailableException;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.console.Range;
import org.caresignal.alert.domain.digest.DigestCadence;
import org.caresignal.alert.domain.digest.DigestSchedule;
import org.caresignal.alert.domain.digest.DigestSubscription;
import org.caresignal.alert.repository.BrandBucketCountRepository;
import org.caresignal.alert.repository.DigestQueries;
import org.caresignal.alert.repository.DigestSubscriptionRepository;

/**
 * Sends the digests that are due, once per period whatever the number of instances: each tick reads
 * the enabled subscriptions, works out in each brand's time zone (ingest-service) which period is
 * due, claims it in a short transaction of its own (only one tick wins a claim, and holds it for a
 * lease), builds the content with the service's own token and sends it. A send that fails for now
 * (SMTP 4xx, network, sentiment-service not answering) releases the claim, so the next minute's
 * tick (on any instance) tries again; a permanent SMTP refusal gives the period up. An instance
 * that dies while holding a claim leaves it to be taken again when the lease ends, which could
 * repeat a message that had gone out just before (the same {@code Message-ID}).
 */
@ApplicationScoped
public class DigestScheduler {

    private final DigestSubscriptionRepository subscriptions;
    private final DigestQueries queries;
    private final IngestClient ingest;
    private final DigestServiceToken token;
    private final DigestMailer mailer;
    private final AlertConfig config;
    private final Clock clock;
    private final AsOfClock asOf;

    /**
     * The overview as the console builds it, but as of a digest's send time: one instance for all
     * digests (it holds a thread pool), whose clock each send sets for its own thread.
     */
    private final BrandOverviewService overviews;

    public DigestScheduler(
            DigestSubscriptionRepository subscriptions,
            DigestQueries queries,
            IngestClient ingest,
            SentimentClient sentiment,
            IncidentService incidents,
            BrandBucketCountRepository counts,
            RuleService rules,
            DigestServiceToken token,
            DigestMailer mailer,
            AlertConfig config,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.queries = queries;
        this.ingest = ingest;
        this.token = token;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
        this.asOf = new AsOfClock(clock);
        this.overviews =
                new BrandOverviewService(sentiment, ingest, incidents, counts, rules, asOf);
    }

    /**
     * A clock that reads a digest's "as of" instant on the thread that set it (the overview reads
     * its clock once, on the calling thread, to place its range), else the service's clock.
     */
    static final class AsOfClock extends Clock {
        private final Clock fallback;
        private final ThreadLocal<Instant> at = new ThreadLocal<>();

        AsOfClock(Clock fallback) {
            this.fallback = fallback;
        }

        <T> T at(Instant instant, java.util.function.Supplier<T> work) {
            at.set(instant);
            try {
                return work.get();
            } finally {
                at.remove();
            }
        }

        @Override
        public Instant instant() {
            var set = at.get();
            return set == null ? fallback.instant() : set;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }
    }

    /** One tick: sends what is due now; returns how many digests went out. */
    public int tick() {
        var now = clock.instant();
        List<DigestSubscription> enabled =
                QuarkusTransaction.requiringNew().call(subscriptions::enabled);
        if (enabled.isEmpty()) {
            return 0;
        }
        Bearer bearer;
        try {
            bearer = token.bearer();
        } catch (RuntimeException e) {
            // The provider's answer may echo the request: the failure's class only.
            Log.warnf(
                    "Digests: no service token (%s); set SERVICES_OIDC_CLIENT_ID/SECRET. Trying"
                            + " again next tick",
                    e.getClass().getSimpleName());
            return 0;
        }
        var zones = new HashMap<String, ZoneId>();
        int sent = 0;
        for (var s : enabled) {
            var zone = zone(bearer, s.brandId(), zones);
            if (zone == null) {
                continue;
            }
            var due = DigestSchedule.due(s, zone, now, config.digest().maxDelay());
            if (due.isEmpty()) {
                continue;
            }
            var period = due.get().period();
            boolean claimed =
                    QuarkusTransaction.requiringNew()
                            .call(
                                    () ->
                                            subscriptions.claim(
                                                    s.brandId(),
                                                    s.cadence(),
                                                    period,
                                                    now,
                                                    now.plus(config.digest().lease())));
            if (claimed && send(bearer, s, due.get(), now)) {
                sent++;
            }
        }
        return sent;
    }

    private ZoneId zone(Bearer bearer, String brandId, Map<String, ZoneId> zones) {
        if (zones.containsKey(brandId)) {
            return zones.get(brandId);
        }
        ZoneId zone = null;
        try {
            zone = ingest.brand(bearer, brandId).zone();
        } catch (ServiceRefusedException e) {
            Log.warnf(
                    "Digests of %s: %s refused the brand (HTTP %d); not sent",
                    brandId, e.service(), e.status());
        } catch (ServiceUnavailableException e) {
            Log.warnf("Digests of %s: %s; trying again next tick", brandId, e.getMessage());
        }
        zones.put(brandId, zone);
        return zone;
    }

    /** Builds and sends a claimed period, then records the outcome; true when it went out. */
    private boolean send(Bearer bearer, DigestSubscription s, DigestSchedule.Due due, Instant now) {
        var what = s.cadence().name().toLowerCase() + " digest of " + s.brandId();
        try {
            var view = compose(bearer, s, due, now);
            if (view == null) {
                release(s, due, "sentiment-service not answering");
                Log.warnf("The %s for %s waits: its figures are not available", what, due.period());
                return false;
            }
            var result = mailer.send(s, due, view);
            if (result.error() == null) {
                QuarkusTransaction.requiringNew()
                        .run(
                                () ->
                                        subscriptions.done(
                                                s.brandId(), s.cadence(), due.period(), now, null));
                Log.infof(
                        "Sent the %s for %s to %d recipient(s)",
                        what, due.period(), s.recipients().size());
                return true;
            }
            if (result.retry()) {
                release(s, due, result.error());
                Log.warnf(
                        "The %s for %s failed (%s); trying again next tick",
                        what, due.period(), result.error());
            } else {
                QuarkusTransaction.requiringNew()
                        .run(
                                () ->
                                        subscriptions.done(
                                                s.brandId(),
                                                s.cadence(),
                                                due.period(),
                                                now,
                                                result.error()));
                Log.warnf(
                        "The %s for %s was refused (%s); this period is skipped",
                        what, due.period(), result.error());
            }
            return false;
        } catch (RuntimeException e) {
            release(s, due, "cannot build: " + e.getClass().getSimpleName());
            Log.warnf(
                    e,
                    "The %s for %s could not be built; trying again next tick",
                    what,
                    due.period());
            return false;
        }
    }

    /**
     * The digest's content, or null while sentiment-service does not answer for its figures or
     * posts and there is still time to wait (half the maximum delay): then a digest without them
     * goes out rather than none.
     */
    DigestView compose(Bearer bearer, DigestSubscription s, DigestSchedule.Due due, Instant now) {
        // The overview of the range that ends at the send time: the 24 hours up to the send
        // time's hour, or the 7 whole local days before the send day.
        var range =
                s.cadence() == DigestCadence.DAILY
                        ? Range.last24h()
                        : Range.days(due.period().minusDays(7), due.period().minusDays(1));
        // Just before the send time: the last 24 hours then end with the send time's hour.
        var overview =
                asOf.at(
                        due.at().toInstant().minusNanos(1),
                        () -> overviews.overview(bearer, s.brandId(), range, false));
        var problems = overview.problems();
        var patience = due.at().toInstant().plus(config.digest().maxDelay().dividedBy(2));
        if ((problems.figures() != null || problems.posts() != null) && now.isBefore(patience)) {
            return null;
        }
        var window = overview.window();
        var brand = s.brandId();
        var ids = overview.topNegative().stream().map(BrandOverview.Post::mentionId).toList();
        record Read(
                List<DigestQueries.IncidentLine> opened,
                long openedTotal,
                List<DigestQueries.IncidentLine> resolved,
                long resolvedTotal,
                Map<UUID, String> excerpts) {}
        var read =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        new Read(
                                                queries.opened(brand, window.from(), window.to()),
                                                queries.count(
                                                        "opened_at",
                                                        brand,
                                                        window.from(),
                                                        window.to()),
                                                queries.resolved(brand, window.from(), window.to()),
                                                queries.count(
                                                        "resolved_at",
                                                        brand,
                                                        window.from(),
                                                        window.to()),
                                                // Post text leaves the service for internal
                                                // recipients only, and only as the stored excerpt.
                                                s.internal() ? queries.excerpts(ids) : Map.of()));
        return DigestComposer.compose(
                new DigestComposer.Inputs(
                        s,
                        due,
                        overview,
                        read.opened(),
                        read.openedTotal(),
                        read.resolved(),
                        read.resolvedTotal(),
                        read.excerpts(),
                        config.incidents().dashboardUrl()));
    }

    private void release(DigestSubscription s, DigestSchedule.Due due, String error) {
        QuarkusTransaction.requiringNew()
                .run(() -> subscriptions.release(s.brandId(), s.cadence(), due.period(), error));
    }
}
