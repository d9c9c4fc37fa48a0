package org.caresignal.alert.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.client.Bearer;
import org.caresignal.alert.client.Brand;
import org.caresignal.alert.client.IngestClient;
import org.caresignal.alert.client.Mention;
import org.caresignal.alert.client.MentionQuery;
import org.caresignal.alert.client.SentimentClient;
import org.caresignal.alert.client.ServiceRefusedException;
import org.caresignal.alert.client.ServiceUnavailableException;
import org.caresignal.alert.dashboard.IncidentPageView.Lookup;
import org.caresignal.alert.dashboard.IncidentPageView.Names;
import org.caresignal.alert.dashboard.IncidentPageView.Post;
import org.caresignal.alert.dashboard.IncidentPageView.Posts;
import org.caresignal.alert.domain.SentimentLabel;

/**
 * The incident page's parts from the other services, with the signed-in person's token: the brand's
 * and facility's names and zone (ingest-service), and the posts behind the incident
 * (sentiment-service: the explanation's samples by id, then the window's most reposted negative
 * posts). A service that cannot answer leaves alert-service's own values (ids, kept excerpts).
 */
@ApplicationScoped
public class IncidentPosts {

    /** Most posts the page lists. */
    static final int SHOWN = 20;

    private final IngestClient ingest;
    private final SentimentClient sentiment;

    public IncidentPosts(IngestClient ingest, SentimentClient sentiment) {
        this.ingest = ingest;
        this.sentiment = sentiment;
    }

    /** The brand as ingest-service knows it, or null when it cannot say. */
    public Brand brand(Bearer bearer, String brandId) {
        try {
            return ingest.brand(bearer, brandId);
        } catch (ServiceUnavailableException | ServiceRefusedException e) {
            return null;
        }
    }

    /** Every brand ingest-service shows the person, by id; empty when it cannot say. */
    public Map<String, Brand> brands(Bearer bearer) {
        try {
            var byId = new HashMap<String, Brand>();
            ingest.brands(bearer).forEach(b -> byId.put(b.id(), b));
            return byId;
        } catch (ServiceUnavailableException | ServiceRefusedException e) {
            return Map.of();
        }
    }

    /**
     * The zone to show the incident in: the facility's, else the brand's, else {@code fallback}.
     */
    public static ZoneId zone(Brand brand, String facilityId, ZoneId fallback) {
        if (brand == null) {
            return fallback;
        }
        var facility = facilityId == null ? null : brand.facility(facilityId).orElse(null);
        if (facility != null && facility.timeZone() != null && !facility.timeZone().isBlank()) {
            try {
                return ZoneId.of(facility.timeZone());
            } catch (java.time.DateTimeException e) {
                // An unknown zone id: the brand's then.
            }
        }
        return brand.timeZone() == null || brand.timeZone().isBlank() ? fallback : brand.zone();
    }

    /** The names to show (the ids when ingest-service did not answer). */
    public static Names names(Brand brand, String brandId, String facilityId) {
        if (brand == null) {
            return new Names(brandId, facilityId == null ? "" : facilityId);
        }
        return new Names(
                brand.displayName(), facilityId == null ? "" : brand.facilityName(facilityId));
    }

    /**
     * The posts for a person who may read them ({@code kept}: what alert-service has, shown when
     * sentiment-service cannot answer); {@code kept} as it is for anyone else.
     */
    public Posts posts(Bearer bearer, Lookup lookup, Posts kept, ZoneId zone, boolean withText) {
        if (!withText) {
            return kept;
        }
        var found = new LinkedHashMap<UUID, Mention>();
        try {
            var ids = new ArrayList<UUID>();
            for (var id : lookup.sampleIds()) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    // A sample id that is not a UUID cannot be asked for; it stays out.
                }
            }
            if (!ids.isEmpty()) {
                var byId = new LinkedHashMap<UUID, Mention>();
                sentiment.mentions(bearer, ids).forEach(m -> byId.put(m.mentionId(), m));
                ids.stream().filter(byId::containsKey).forEach(id -> found.put(id, byId.get(id)));
            }
            if (found.size() < SHOWN && lookup.from().isBefore(lookup.to())) {
                var query =
                        MentionQuery.brand(lookup.brandId())
                                .withFacility(lookup.facilityId())
                                .withRange(lookup.from(), lookup.to())
                                .withLabel(SentimentLabel.NEGATIVE)
                                .withSort(MentionQuery.SORT_AMPLIFICATION)
                                .withPage(null, SHOWN);
                for (var m : sentiment.search(bearer, query).items()) {
                    if (found.size() >= SHOWN) {
                        break;
                    }
                    found.putIfAbsent(m.mentionId(), m);
                }
            }
        } catch (ServiceUnavailableException e) {
            return withProblem(
                    kept,
                    "sentiment-service is not answering, so only the excerpts alert-service kept"
                            + " are shown.");
        } catch (ServiceRefusedException e) {
            return withProblem(
                    kept,
                    "sentiment-service refused to show the posts (HTTP "
                            + e.status()
                            + "); only the excerpts alert-service kept are shown.");
        }
        if (found.isEmpty()) {
            return kept;
        }
        return new Posts(
                true,
                null,
                kept.negativeInWindow(),
                found.values().stream().map(m -> post(m, zone)).toList());
    }

    private static Posts withProblem(Posts kept, String problem) {
        return new Posts(kept.withText(), problem, kept.negativeInWindow(), kept.items());
    }

    static Post post(Mention m, ZoneId zone) {
        return new Post(
                m.mentionId().toString(),
                m.source() == null ? "" : m.source(),
                DashboardFormat.time(m.publishedAt(), zone),
                m.label() == null ? "" : m.label().name(),
                ExplorerPages.score(m.score()),
                m.aspects().stream()
                        .map(
                                a ->
                                        a.aspect()
                                                + (a.label() == null
                                                        ? ""
                                                        : " (" + a.label().name() + ")"))
                        .toList(),
                m.text() == null ? "" : m.text(),
                DashboardFormat.safeLink(m.url()),
                m.url() == null ? "" : m.url(),
                m.reposts(),
                m.textRemoved() == null ? "" : m.textRemoved());
    }
}
