package org.caresignal.alert.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.caresignal.alert.client.Bearer;
import org.caresignal.alert.client.Brand;
import org.caresignal.alert.client.IngestClient;
import org.caresignal.alert.client.Mention;
import org.caresignal.alert.client.MentionQuery;
import org.caresignal.alert.client.SentimentClient;
import org.caresignal.alert.client.ServiceRefusedException;
import org.caresignal.alert.client.ServiceUnavailableException;
import org.caresignal.alert.dashboard.DashboardView.Choice;
import org.caresignal.alert.dashboard.ExplorerView.Agreement;
import org.caresignal.alert.dashboard.ExplorerView.AspectChip;
import org.caresignal.alert.dashboard.ExplorerView.AspectChoice;
import org.caresignal.alert.dashboard.ExplorerView.ExplorerPage;
import org.caresignal.alert.dashboard.ExplorerView.LabelAgreement;
import org.caresignal.alert.dashboard.ExplorerView.MentionRow;
import org.caresignal.alert.domain.SentimentLabel;

/**
 * Builds the mention explorer's page: the brands and their facilities and zone from ingest-service,
 * one page of sentiment-service's search for the filter, and the model's agreement with the brand's
 * corrections, all with the signed-in person's token. A service that cannot answer makes its part
 * say so in words; its answer's body is never shown.
 */
@ApplicationScoped
public class ExplorerPages {

    /** Mentions per page. */
    static final int PAGE_SIZE = 50;

    /** The most rows sentiment-service gives in one CSV, which is what one export holds. */
    static final int EXPORT_SIZE = 10_000;

    private final IngestClient ingest;
    private final SentimentClient sentiment;

    public ExplorerPages(IngestClient ingest, SentimentClient sentiment) {
        this.ingest = ingest;
        this.sentiment = sentiment;
    }

    /** The brands the person may see, or null (with the reason in {@code problems}). */
    public List<Brand> brands(Bearer bearer, List<String> problems) {
        try {
            return ingest.brands(bearer);
        } catch (ServiceUnavailableException e) {
            problems.add("ingest-service is not answering, so brand names and zones are missing.");
        } catch (ServiceRefusedException e) {
            problems.add("ingest-service refused to list brands (HTTP " + e.status() + ").");
        }
        return null;
    }

    /**
     * The filter of {@code raw} checked, the brand defaulting to the first one the person may see,
     * times read in the brand's zone unless another is chosen.
     */
    public ExplorerFilter.Parsed filter(Map<String, String> raw, List<Brand> brands) {
        var values = new HashMap<>(raw);
        var typed = values.getOrDefault("brand", "");
        if ((typed == null || typed.isBlank()) && brands != null && !brands.isEmpty()) {
            values.put("brand", brands.get(0).id());
        }
        var brand = find(brands, values.get("brand"));
        return ExplorerFilter.parse(values, brand == null ? ZoneOffset.UTC : brand.zone());
    }

    /** The search of sentiment-service for {@code parsed} (a page of {@code size}). */
    public static MentionQuery query(ExplorerFilter.Parsed parsed, int size) {
        var f = parsed.filter();
        return MentionQuery.brand(f.brand())
                .withRange(parsed.from(), parsed.to())
                .withFacility(blankToNull(f.facility()))
                .withSource(blankToNull(f.source()))
                .withLabel(f.label().isEmpty() ? null : SentimentLabel.valueOf(f.label()))
                .withAspect(blankToNull(f.aspect()))
                .withLanguage(blankToNull(f.language()))
                .withUncertain(f.uncertain() ? Boolean.TRUE : null)
                .withText(blankToNull(f.q()))
                .withSort(f.sort())
                .withCursor(blankToNull(f.cursor()))
                .withPage(f.page() > 0 ? f.page() : null, size);
    }

    /**
     * The explorer for the person's {@code raw} query values; {@code notice} (a done action) and
     * {@code problem} (a refused correction) show above the results.
     */
    public ExplorerPage page(
            Bearer bearer, Map<String, String> raw, String notice, String problem) {
        var problems = new ArrayList<String>();
        var brands = brands(bearer, problems);
        var parsed = filter(raw, brands);
        var errors = new ArrayList<>(parsed.errors());
        if (problem != null) {
            errors.add(problem);
        }
        var filter = parsed.filter();
        var brand = find(brands, filter.brand());
        var zone = parsed.zone();
        String unavailable = problems.isEmpty() ? null : problems.get(0);
        int status = parsed.valid() && problem == null ? 200 : 400;
        List<MentionRow> rows = List.of();
        String total = "";
        String next = null;
        Agreement agreement = null;
        String agreementUnavailable = null;
        if (filter.brand().isEmpty() && parsed.valid()) {
            errors.add("Choose a brand to search its mentions.");
            status = 200;
        } else if (parsed.valid()) {
            try {
                var page = sentiment.search(bearer, query(parsed, PAGE_SIZE));
                rows = page.items().stream().map(m -> row(m, brand, zone)).toList();
                total =
                        page.total() == null
                                ? ""
                                : Boolean.TRUE.equals(page.totalCapped())
                                        ? "more than "
                                                + String.format(
                                                        java.util.Locale.ROOT, "%,d", page.total())
                                        : Long.toString(page.total());
                if (page.nextCursor() != null) {
                    next =
                            "/dashboard/mentions?"
                                    + filter.withCursor(page.nextCursor()).query(true);
                } else if (filter.sort().equals("amplification")
                        && page.items().size() >= PAGE_SIZE
                        && filter.page() < ExplorerFilter.MAX_PAGE
                        && (page.total() == null
                                || (long) (filter.page() + 1) * PAGE_SIZE < page.total())) {
                    // Sorted by amplification, sentiment-service pages by number.
                    next = "/dashboard/mentions?" + filter.withPage(filter.page() + 1).query(true);
                }
            } catch (ServiceUnavailableException e) {
                unavailable =
                        "sentiment-service is not answering, so no mentions can be shown. Try"
                                + " again in a moment.";
                status = 503;
            } catch (ServiceRefusedException e) {
                unavailable = refusal(e);
                status = e.forbidden() ? 403 : 400;
            }
            try {
                agreement = agreement(sentiment, bearer, filter.brand());
            } catch (ServiceUnavailableException e) {
                agreementUnavailable = "sentiment-service is not answering.";
            } catch (ServiceRefusedException e) {
                agreementUnavailable = "sentiment-service refused (HTTP " + e.status() + ").";
            }
        }
        var exportQuery = filter.withCursor(null).query(false);
        return new ExplorerPage(
                status,
                filter,
                brandChoices(brands, filter.brand()),
                facilityChoices(brand, filter.facility()),
                choices(ExplorerFilter.LABELS, filter.label(), "any"),
                List.of(
                        new Choice("time", "newest first", filter.sort().equals("time")),
                        new Choice(
                                "amplification",
                                "most reposted first",
                                filter.sort().equals("amplification"))),
                DashboardFormat.zoneName(zone),
                parsed.from() == null && parsed.to() == null
                        ? "the last 30 days"
                        : (parsed.from() == null
                                        ? "30 days"
                                        : DashboardFormat.time(parsed.from(), zone).text())
                                + " to "
                                + (parsed.to() == null
                                        ? "now"
                                        : DashboardFormat.time(parsed.to(), zone).text()),
                rows,
                total,
                next,
                filter.cursor().isEmpty() && filter.page() == 0
                        ? null
                        : "/dashboard/mentions?" + filter.withCursor(null).query(false),
                filter.brand().isEmpty() ? null : "/dashboard/mentions/export.csv?" + exportQuery,
                filter.brand().isEmpty()
                        ? null
                        : "/dashboard/mentions/corrections.tsv?brand=" + filter.brand(),
                filter.query(true),
                agreement,
                agreementUnavailable,
                notice,
                List.copyOf(errors),
                unavailable);
    }

    /** What to tell the person when sentiment-service refused the search. */
    static String refusal(ServiceRefusedException e) {
        return switch (e.status()) {
            case 401, 403 ->
                    "sentiment-service refused your session's token for this search (HTTP "
                            + e.status()
                            + "); searching mentions needs the analyst role.";
            case 400 ->
                    "sentiment-service did not accept this filter (HTTP 400); change it and try again.";
            default -> "sentiment-service refused the search (HTTP " + e.status() + ").";
        };
    }

    private static Agreement agreement(SentimentClient sentiment, Bearer bearer, String brand) {
        var a = sentiment.agreement(bearer, brand);
        var byLabel = new ArrayList<LabelAgreement>();
        for (var label : ExplorerFilter.LABELS) {
            var l = a.byLabel().get(label);
            if (l != null && l.corrections() > 0) {
                byLabel.add(new LabelAgreement(label, l.corrections(), l.agreeing()));
            }
        }
        return new Agreement(
                a.corrections(),
                a.agreeing(),
                a.agreement() == null ? "" : Long.toString(Math.round(a.agreement() * 100)),
                a.modelVersion() == null ? "" : a.modelVersion(),
                byLabel);
    }

    static MentionRow row(Mention m, Brand brand, ZoneId zone) {
        var label = m.label() == null ? "" : m.label().name();
        var aspects =
                m.aspects().stream()
                        .map(
                                a ->
                                        new AspectChip(
                                                a.aspect(),
                                                a.label() == null ? "" : a.label().name()))
                        .toList();
        var aspectChoices =
                m.aspects().stream()
                        .map(
                                a -> {
                                    var options = new ArrayList<Choice>();
                                    options.add(new Choice("", "unchanged", true));
                                    for (var l : ExplorerFilter.LABELS) {
                                        options.add(
                                                new Choice(l, l.toLowerCase(Locale.ROOT), false));
                                    }
                                    return new AspectChoice(a.aspect(), options);
                                })
                        .toList();
        return new MentionRow(
                m.mentionId().toString(),
                m.brandId() == null ? "" : m.brandId(),
                m.facilityId() == null
                        ? ""
                        : brand == null ? m.facilityId() : brand.facilityName(m.facilityId()),
                m.source() == null ? "" : m.source(),
                m.language() == null ? "" : m.language(),
                DashboardFormat.time(m.publishedAt(), zone),
                m.text() == null ? "" : m.text(),
                m.textRemoved() == null ? "" : m.textRemoved(),
                label,
                score(m.score()),
                m.uncertain(),
                m.corrected(),
                m.modelLabel() == null ? "" : m.modelLabel().name(),
                m.modelScore() == null ? "" : score(m.modelScore()),
                m.correctedBy() == null ? "" : m.correctedBy(),
                DashboardFormat.time(m.correctedAt(), zone),
                aspects,
                DashboardFormat.safeLink(m.url()),
                m.url() == null ? "" : m.url(),
                m.reposts(),
                choices(ExplorerFilter.LABELS, label, null),
                aspectChoices);
    }

    /** A score as people read it: signed, two decimals. */
    static String score(double score) {
        return String.format(Locale.ROOT, "%+.2f", score);
    }

    private static List<Choice> brandChoices(List<Brand> brands, String selected) {
        var out = new ArrayList<Choice>();
        if (brands != null) {
            for (var b : brands) {
                out.add(new Choice(b.id(), b.displayName(), b.id().equals(selected)));
            }
        }
        if (!selected.isEmpty() && out.stream().noneMatch(Choice::selected)) {
            // A brand ingest-service did not list (or could not): still the one searched.
            out.add(new Choice(selected, selected, true));
        }
        return out;
    }

    private static List<Choice> facilityChoices(Brand brand, String selected) {
        var out = new ArrayList<Choice>();
        out.add(new Choice("", "all facilities", selected.isEmpty()));
        if (brand != null) {
            for (var f : brand.facilities()) {
                out.add(new Choice(f.id(), f.displayName(), f.id().equals(selected)));
            }
        }
        if (!selected.isEmpty() && out.stream().noneMatch(Choice::selected)) {
            out.add(new Choice(selected, selected, true));
        }
        return out;
    }

    private static List<Choice> choices(List<String> values, String selected, String any) {
        var out = new ArrayList<Choice>();
        if (any != null) {
            out.add(new Choice("", any, selected.isEmpty()));
        }
        for (var v : values) {
            out.add(new Choice(v, v.toLowerCase(Locale.ROOT), v.equals(selected)));
        }
        return out;
    }

    static Brand find(List<Brand> brands, String id) {
        if (brands == null || id == null) {
            return null;
        }
        return brands.stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
