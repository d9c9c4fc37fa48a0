package org.caresignal.alert.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caresignal.alert.client.Bearer;
import org.caresignal.alert.client.Brand;
import org.caresignal.alert.client.ServiceRefusedException;
import org.caresignal.alert.client.ServiceUnavailableException;
import org.caresignal.alert.dashboard.ConsoleView.AspectView;
import org.caresignal.alert.dashboard.ConsoleView.BrandChoice;
import org.caresignal.alert.dashboard.ConsoleView.BrandSection;
import org.caresignal.alert.dashboard.ConsoleView.FacilityView;
import org.caresignal.alert.dashboard.ConsoleView.FiguresView;
import org.caresignal.alert.dashboard.ConsoleView.OverviewPage;
import org.caresignal.alert.dashboard.ConsoleView.PostView;
import org.caresignal.alert.dashboard.ConsoleView.RangeForm;
import org.caresignal.alert.dashboard.ConsoleView.SourceView;
import org.caresignal.alert.domain.console.Range;
import org.caresignal.alert.service.BrandOverview;
import org.caresignal.alert.service.BrandOverviewService;

/**
 * Shapes the overview page (the console's landing page) from {@link BrandOverviewService}: the
 * brand picker (names from ingest-service), the range form and a section per brand (all the
 * caller's brands up to {@link #MAX_BRANDS}, or the one picked).
 */
@ApplicationScoped
public class OverviewPages {

    /** Brands shown at once without a pick; more and the person picks one. */
    static final int MAX_BRANDS = 6;

    private final BrandOverviewService overviews;

    public OverviewPages(BrandOverviewService overviews) {
        this.overviews = overviews;
    }

    /** The result: the page and its HTTP status. */
    public record Result(int status, OverviewPage page) {}

    public Result page(
            Bearer bearer, String brand, String range, String from, String to, boolean withText) {
        Range chosen;
        try {
            chosen = Range.parse(range, from, to);
        } catch (IllegalArgumentException e) {
            return new Result(
                    400,
                    new OverviewPage(
                            List.of(),
                            brand == null ? "" : brand,
                            RangeForm.initial(),
                            List.of(),
                            null,
                            null,
                            e.getMessage()));
        }
        List<Brand> brands = null;
        String pickerProblem = null;
        try {
            brands = overviews.brands(bearer);
        } catch (ServiceUnavailableException e) {
            pickerProblem = e.getMessage() + ": brand names are not available.";
        } catch (ServiceRefusedException e) {
            pickerProblem =
                    e.service() + " did not allow reading the brands (HTTP " + e.status() + ").";
        }
        var picked = brand == null || brand.isBlank() ? null : brand.trim();
        var choices = new ArrayList<BrandChoice>();
        if (brands != null) {
            brands.forEach(
                    b ->
                            choices.add(
                                    new BrandChoice(
                                            b.id(), b.displayName(), b.id().equals(picked))));
        }
        var sections = new ArrayList<BrandSection>();
        int status = 200;
        String error = null;
        String note = null;
        if (picked != null) {
            try {
                sections.add(
                        section(
                                overviews.overview(bearer, picked, chosen, withText),
                                chosen,
                                withText));
            } catch (ServiceRefusedException e) {
                status = e.notFound() ? 404 : 200;
                error =
                        e.notFound()
                                ? "There is no brand " + picked + "."
                                : e.service() + " refused the request (HTTP " + e.status() + ").";
            }
        } else if (brands != null) {
            if (brands.size() > MAX_BRANDS) {
                note =
                        "Showing the first "
                                + MAX_BRANDS
                                + " of "
                                + brands.size()
                                + " brands: pick a brand to see another.";
            }
            var shown = brands.stream().limit(MAX_BRANDS).toList();
            for (var o : overviews.overviews(bearer, shown, chosen, withText)) {
                sections.add(section(o, chosen, withText));
            }
        }
        return new Result(
                status,
                new OverviewPage(
                        choices,
                        picked == null ? "" : picked,
                        RangeForm.of(chosen),
                        sections,
                        pickerProblem,
                        note,
                        error));
    }

    static BrandSection section(BrandOverview o, Range range, boolean withText) {
        var zone = o.zone();
        var w = o.window();
        var facilities =
                o.facilities().stream()
                        .map(
                                f ->
                                        new FacilityView(
                                                f.facilityId(),
                                                f.name(),
                                                FiguresView.of(f.figures()),
                                                ConsoleLinks.timeline(
                                                        o.brandId(), f.facilityId(), range)))
                        .toList();
        var aspects =
                o.aspects().stream()
                        .map(
                                a ->
                                        new AspectView(
                                                a.aspect(),
                                                a.negative(),
                                                a.total(),
                                                a.change() == null
                                                        ? null
                                                        : ConsoleView.signed(a.change()),
                                                a.change() == null
                                                        ? ""
                                                        : a.change() > 0
                                                                ? "up"
                                                                : a.change() < 0 ? "down" : "flat",
                                                ConsoleLinks.explorer(
                                                        o.brandId(),
                                                        w.from(),
                                                        w.to(),
                                                        null,
                                                        null,
                                                        a.aspect(),
                                                        "negative")))
                        .toList();
        var problems = new ArrayList<String>();
        var p = o.problems();
        for (var message :
                new String[] {
                    p.names(), p.figures(), p.aspects(), p.posts(), p.texts(), p.sources()
                }) {
            if (message != null) {
                problems.add(message);
            }
        }
        return new BrandSection(
                o.brandId(),
                o.brandName(),
                DashboardFormat.zoneName(zone),
                DashboardFormat.time(w.from(), zone),
                DashboardFormat.time(w.to(), zone),
                ConsoleView.rangeLabel(w),
                FiguresView.of(o.figures()),
                facilities,
                aspects,
                o.topNegative().stream().map(x -> post(x, zone, withText)).toList(),
                o.topPositive().stream().map(x -> post(x, zone, withText)).toList(),
                withText,
                o.sources().stream().map(s -> source(s, zone)).toList(),
                problems,
                ConsoleLinks.timeline(o.brandId(), null, range),
                ConsoleLinks.incidents(o.brandId()));
    }

    private static PostView post(BrandOverview.Post p, ZoneId zone, boolean withText) {
        String removed = null;
        if (withText && p.text() == null) {
            removed =
                    p.textRemoved() == null
                            ? "Text not available."
                            : "ERASED".equals(p.textRemoved())
                                    ? "Text erased on request."
                                    : "Text removed at retention age.";
        }
        return new PostView(
                p.mentionId().toString(),
                p.facilityName() == null ? "brand-wide" : p.facilityName(),
                p.source() == null ? "" : p.source(),
                DashboardFormat.time(p.publishedAt(), zone),
                p.label() == null ? "" : p.label().name(),
                String.format(Locale.ROOT, "%+.2f", p.score()),
                p.reposts(),
                withText ? p.text() : null,
                withText ? DashboardFormat.safeLink(p.url()) : null,
                removed);
    }

    private static SourceView source(BrandOverview.SourceHealth s, ZoneId zone) {
        var text =
                switch (s.state()) {
                    case "DISABLED" -> "disabled";
                    case "SILENT" -> s.since() == null ? "silent: nothing delivered yet" : "silent";
                    case "RATE_LIMITED" -> "rate-limited by the source";
                    case "FAILING" -> "failing";
                    case "WAITING" -> "waiting for its first poll";
                    default -> "delivering";
                };
        return new SourceView(
                s.id(),
                s.kind() == null ? "" : s.kind(),
                s.state(),
                text,
                DashboardFormat.time(s.since(), zone),
                DashboardFormat.time(s.until(), zone),
                s.mentionsLastHour(),
                DashboardFormat.time(s.lastItemAt(), zone));
    }
}
