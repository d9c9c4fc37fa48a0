package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.BrandMatcher;
import org.caresignal.ingest.domain.FetchedPost;
import org.caresignal.ingest.domain.PostRef;
import org.caresignal.ingest.domain.PostText;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.service.MentionIntakeService.MatchedPost;
import org.caresignal.ingest.service.MentionIntakeService.Outcome;
import org.caresignal.ingest.source.RoutedPost;

/**
 * Takes a page of posts a connector found through the webhook's path: the brand matcher picks the
 * brands (every one whose watch query matches) and each one's facility, the intake redacts, records
 * one mention per brand and writes the outbox for the whole page at once; the connector's cursor is
 * stored in the same transaction, so a page is either taken with its cursor or not at all.
 */
@ApplicationScoped
public class SourcePostIntake {

    /**
     * What became of a page: the mentions published (a post matching two brands is two), and the
     * posts seen before or matching no brand.
     */
    public record PageResult(int accepted, int duplicates, int unmatched) {}

    static final int MAX_EXTERNAL_ID = 256;
    static final int MAX_TEXT = PostText.MAX_LENGTH;

    private final BrandCatalog catalog;
    private final MentionIntakeService intake;
    private final SourceConnectorRepository connectors;
    private final IngestConfig config;
    private final MeterRegistry registry;

    public SourcePostIntake(
            BrandCatalog catalog,
            MentionIntakeService intake,
            SourceConnectorRepository connectors,
            IngestConfig config,
            MeterRegistry registry) {
        this.catalog = catalog;
        this.intake = intake;
        this.connectors = connectors;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Takes a polled page with the connector's cursor. Any post in the page counts as the
     * connector's latest activity: the source's own search already chose it for the brand.
     */
    @Transactional
    public PageResult commit(
            String connectorId, SourceKind kind, List<FetchedPost> posts, String cursor) {
        var routed =
                posts.stream().map(p -> new RoutedPost(kind.sourceName(), null, null, p)).toList();
        var result = take(routed);
        connectors.saveCursor(connectorId, cursor, posts.isEmpty() ? null : Instant.now());
        count(connectorId, result);
        return result;
    }

    /**
     * Takes a batch of a stream connector (Jetstream, file replay) with its cursor in one
     * transaction, as {@link #commit} does for a polled page. Only an accepted post counts as
     * activity: a stream such as Jetstream carries every post of its network, almost none of them
     * ours.
     */
    @Transactional
    public PageResult commitRouted(String connectorId, List<RoutedPost> posts, String cursor) {
        var result = take(posts);
        connectors.saveCursor(connectorId, cursor, result.accepted() == 0 ? null : Instant.now());
        count(connectorId, result);
        return result;
    }

    /**
     * Matches each post (unless the source named its brand), then hands the whole page to the
     * intake at once, so that a page costs the intake's few statements rather than a few per post.
     */
    private PageResult take(List<RoutedPost> posts) {
        var now = Instant.now();
        var matcher = catalog.matcher();
        var matched = new ArrayList<MatchedPost>(posts.size());
        int unmatched = 0;
        for (var routed : posts) {
            var post = routed.post();
            var text = post.text() == null ? "" : post.text();
            List<BrandMatcher.BrandMatch> brands;
            if (routed.brandId() != null) {
                // The source named the brand (a replay file's brandId): that brand only.
                brands =
                        List.of(new BrandMatcher.BrandMatch(routed.brandId(), routed.facilityId()));
            } else {
                brands = text.isBlank() ? List.of() : matcher.match(text);
                if (brands.isEmpty()) {
                    unmatched++;
                    continue;
                }
            }
            var publishedAt = post.publishedAt();
            if (publishedAt != null && publishedAt.isAfter(now.plus(config.maxClockSkew()))) {
                publishedAt = now;
            }
            // Every matching brand gets its own mention of the post (the intake's first brand is
            // the post's own).
            matched.add(
                    new MatchedPost(
                            new NewMention(
                                    brands.get(0).brandId(),
                                    brands.get(0).facilityId(),
                                    routed.source(),
                                    externalId(post.externalId()),
                                    post.url() != null && post.url().length() <= 2048
                                            ? post.url()
                                            : null,
                                    text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text,
                                    publishedAt,
                                    post.authorHandle(),
                                    post.authorName(),
                                    post.repostOf() == null
                                            ? null
                                            : new PostRef(
                                                    routed.source(), externalId(post.repostOf())),
                                    null),
                            brands));
        }
        int accepted = 0;
        int duplicates = 0;
        // A stream batch often matches nothing: then no statement at all.
        for (var outcome : matched.isEmpty() ? List.<Outcome>of() : intake.acceptMatched(matched)) {
            // publishedAt is clamped above, so the intake has nothing to refuse; were it to refuse
            // a
            // post, the page would fail whole with its cursor, as a database failure does.
            var result = outcome.orThrow();
            if (result.duplicate()) {
                duplicates++;
            } else {
                accepted += result.published().size();
            }
        }
        return new PageResult(accepted, duplicates, unmatched);
    }

    private void count(String connectorId, PageResult result) {
        if (result.unmatched() > 0) {
            registry.counter("caresignal.source.unmatched", "connector", connectorId)
                    .increment(result.unmatched());
        }
        Log.debugf(
                "Connector %s: %d new mentions, %d seen before, %d matching no brand",
                connectorId, result.accepted(), result.duplicates(), result.unmatched());
    }

    /** The source's id, hashed when it is longer than the column (some URIs are). */
    static String externalId(String id) {
        if (id.length() <= MAX_EXTERNAL_ID) {
            return id;
        }
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256")
                                            .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
