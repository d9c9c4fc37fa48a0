package org.caresignal.alert.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.caresignal.alert.domain.channel.ChannelText;
import org.caresignal.alert.domain.digest.DigestSchedule;
import org.caresignal.alert.domain.digest.DigestSubscription;
import org.caresignal.alert.repository.DigestQueries;

/**
 * Turns a brand's {@link BrandOverview} for a digest's range, the incidents opened and resolved in
 * it and (for internal recipients only) the stored excerpts of the top negative posts into a {@link
 * DigestView}. Pure: no I/O, so the wording is unit-tested.
 */
public final class DigestComposer {

    /** Most amplified negative posts a digest lists. */
    public static final int POSTS = 3;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MOMENT =
            DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE_ABBREVIATION =
            DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    /** Everything the digest is made of, read before composing. */
    public record Inputs(
            DigestSubscription subscription,
            DigestSchedule.Due due,
            BrandOverview overview,
            List<DigestQueries.IncidentLine> opened,
            long openedTotal,
            List<DigestQueries.IncidentLine> resolved,
            long resolvedTotal,
            Map<UUID, String> excerpts,
            String dashboardUrl) {}

    private DigestComposer() {}

    public static DigestView compose(Inputs in) {
        var o = in.overview();
        var s = in.subscription();
        var zone = o.zone();
        var names = new HashMap<String, String>();
        o.facilities().forEach(f -> names.put(f.facilityId(), f.name()));
        var title = s.cadence().title() + " digest";
        var subject =
                ChannelText.header(
                        "[CareSignal] "
                                + title
                                + ": "
                                + o.brandName()
                                + ", "
                                + DAY.format(in.due().at().withZoneSameInstant(zone)),
                        250);
        var f = o.figures();
        String volume = null;
        String volumeUsual = null;
        String share = null;
        String shareUsual = null;
        String net = null;
        String figuresNote = null;
        if (f.counted()) {
            volume = count(f.counts().volume()) + " mentions";
            volumeUsual =
                    f.usualVolume() == null
                            ? "no earlier data"
                            : "usual "
                                    + decimal(f.usualVolume())
                                    + (f.volumeChange() == null
                                            ? ""
                                            : ", " + signedPercent(f.volumeChange()));
            share = f.negativeShare() == null ? "no mentions" : percent(f.negativeShare());
            shareUsual =
                    f.usualNegativeShare() == null
                            ? "no earlier data"
                            : "usual "
                                    + percent(f.usualNegativeShare())
                                    + (f.negativeShareChange() == null
                                            ? ""
                                            : ", " + points(f.negativeShareChange()));
            net =
                    f.netSentiment() == null
                            ? "no mentions"
                            : String.format(Locale.ROOT, "%+.0f", f.netSentiment());
        } else {
            figuresNote =
                    o.problems().figures() == null
                            ? "Volume and sentiment are not available."
                            : o.problems().figures();
        }
        var facilities = new ArrayList<DigestView.FacilityLine>();
        for (var fo : o.facilities()) {
            var ff = fo.figures();
            facilities.add(
                    new DigestView.FacilityLine(
                            fo.name(),
                            ff.counted() ? count(ff.counts().volume()) + " mentions" : "-",
                            ff.counted() && ff.negativeShare() != null
                                    ? percent(ff.negativeShare()) + " negative"
                                    : "-"));
        }
        var aspects =
                o.aspects().stream()
                        .map(
                                a ->
                                        new DigestView.AspectLine(
                                                aspectName(a.aspect()),
                                                a.negative(),
                                                a.total(),
                                                a.change() == null
                                                        ? "new data"
                                                        : String.format(
                                                                Locale.ROOT, "%+d", a.change())))
                        .toList();
        var posts = new ArrayList<DigestView.PostLine>();
        int rank = 1;
        for (var p : o.topNegative()) {
            if (rank > POSTS) {
                break;
            }
            posts.add(
                    new DigestView.PostLine(
                            rank++,
                            p.facilityName() == null ? o.brandName() : p.facilityName(),
                            p.source(),
                            moment(p.publishedAt(), zone),
                            p.reposts(),
                            String.format(Locale.ROOT, "%.2f", p.score()),
                            // The one switch for post text: internal recipients only.
                            s.internal() ? in.excerpts().get(p.mentionId()) : null));
        }
        var problems = new ArrayList<String>();
        var pr = o.problems();
        for (var message : new String[] {pr.names(), pr.aspects(), pr.posts()}) {
            if (message != null) {
                problems.add(message);
            }
        }
        var base = stripSlash(in.dashboardUrl());
        return new DigestView(
                subject,
                title,
                o.brandName(),
                moment(o.window().from(), zone) + " to " + moment(o.window().to(), zone),
                zoneText(zone, in.due().at()),
                volume,
                volumeUsual,
                share,
                shareUsual,
                net,
                figuresNote,
                facilities,
                aspects,
                incidents(in.opened(), names, o, zone, base, true),
                Math.max(in.openedTotal(), in.opened().size()),
                Math.max(0, in.openedTotal() - in.opened().size()),
                incidents(in.resolved(), names, o, zone, base, false),
                Math.max(in.resolvedTotal(), in.resolved().size()),
                Math.max(0, in.resolvedTotal() - in.resolved().size()),
                posts,
                s.internal(),
                base + "?brand=" + o.brandId() + "&range=" + s.cadence().consoleRange(),
                problems);
    }

    private static List<DigestView.IncidentLine> incidents(
            List<DigestQueries.IncidentLine> rows,
            Map<String, String> names,
            BrandOverview o,
            ZoneId zone,
            String base,
            boolean opened) {
        return rows.stream()
                .map(
                        i ->
                                new DigestView.IncidentLine(
                                        moment(opened ? i.openedAt() : i.resolvedAt(), zone),
                                        i.severity(),
                                        kindWords(i.kind()),
                                        i.facilityId() == null
                                                ? o.brandName() + " (brand-wide)"
                                                : names.getOrDefault(
                                                        i.facilityId(), i.facilityId()),
                                        statusWord(i.status()),
                                        base + "/incidents/" + i.id()))
                .toList();
    }

    static String kindWords(String kind) {
        return switch (kind) {
            case "SPIKE" -> "Negative spike";
            case "CRITICAL_POST" -> "Critical post";
            case "SOURCE_SILENT" -> "Source silent";
            default -> kind;
        };
    }

    private static String statusWord(String status) {
        return switch (status) {
            case "OPEN" -> "open";
            case "ACKNOWLEDGED" -> "acknowledged";
            case "RESOLVED" -> "resolved";
            default -> status.toLowerCase(Locale.ROOT);
        };
    }

    /** {@code emergency-wait} as "Emergency wait". */
    static String aspectName(String slug) {
        var words = slug.replace('-', ' ').replace('_', ' ').strip();
        return words.isEmpty() ? slug : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** "America/Chicago (CST)": the zone's id, and its abbreviation at the digest's send time. */
    static String zoneText(ZoneId zone, ZonedDateTime at) {
        return zone.getId() + " (" + ZONE_ABBREVIATION.format(at.withZoneSameInstant(zone)) + ")";
    }

    static String moment(Instant t, ZoneId zone) {
        if (t == null) {
            return "-";
        }
        var local = t.atZone(zone);
        return MOMENT.format(local) + " " + ZONE_ABBREVIATION.format(local);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String decimal(double d) {
        return d == Math.rint(d) ? count((long) d) : String.format(Locale.ROOT, "%,.1f", d);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String signedPercent(double change) {
        return String.format(Locale.ROOT, "%+.0f%%", change * 100);
    }

    static String points(double change) {
        return String.format(Locale.ROOT, "%+.0f points", change * 100);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
