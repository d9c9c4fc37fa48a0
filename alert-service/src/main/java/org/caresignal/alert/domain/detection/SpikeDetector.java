package org.caresignal.alert.domain.detection;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Streaming spike detector for one series (a brand or a facility): takes bucket counts in time
 * order and says, per bucket, whether a negative-share, negative-volume or total-volume spike
 * starts, continues or ends an episode.
 *
 * <p>Each bucket is tested over two windows (the bucket and the last {@code longWindow} buckets)
 * against a seasonal baseline, with a negative-binomial tail for counts and a beta-binomial z for
 * the share; a trigger fires only past its minimum-volume and effect-size guards. Episodes follow a
 * two-threshold hysteresis with on- and off-delays and a cooldown that re-opens rather than
 * re-pages. Baselines learn only from quiet buckets (and winsorized values), so crises do not
 * inflate them.
 */
public final class SpikeDetector {

    private static final int MAX_GAP_FILL = 7 * 24 * 12;

    private final DetectorSettings settings;
    private final ZoneId zone;
    private final SeasonalBaseline totalBase;
    private final SeasonalBaseline negativeBase;
    private final SeasonalBaseline assessedBase;
    private final Dispersion[] totalDispersion;
    private final Dispersion[] negativeDispersion;
    private final int[] windows;
    private final int[] negativeWindows;

    private final long[] ringTotal;
    private final long[] ringNegative;
    private final double[] ringExpectedTotal;
    private final double[] ringExpectedNegative;
    private final long[] ringAssessed;
    private final double[] ringExpectedAssessed;
    private int ringPos;
    private int ringFilled;

    private Instant lastBucket;
    private boolean firing;
    private int onStreak;
    private int misses;
    private int frozenFor;
    private Instant episodeStart;
    private Instant streakStart;
    private Instant lastResolved;
    private Severity severity;
    private final Set<Trigger> episodeTriggers = EnumSet.noneOf(Trigger.class);

    // The warm-up's buckets, kept until the detector is warm and then learned from again at once
    // (see seedFromWarmup); null afterwards, and in a detector restored from a snapshot without
    // them.
    private long[] warmupTimes;
    private long[] warmupTotal;
    private long[] warmupNegative;
    private long[] warmupAssessed;
    private int warmupSize;

    // The share CUSUM and the run of buckets it has accumulated since it last stood at zero.
    private double cusum;
    private long cusumNegative;
    private long cusumAssessed;
    private double cusumExpected;
    private int cusumBuckets;

    // Expected mentions over the current run of empty buckets (0 when the last bucket had some).
    private double silentExpected;
    // Buckets held back from learning while the negatives were building up, {epoch second, total,
    // negative, assessed}: learned late if the build-up fades without an episode, dropped if it
    // becomes one.
    private final List<long[]> heldBack = new ArrayList<>();

    public SpikeDetector(DetectorSettings settings, ZoneId zone) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.totalBase =
                new SeasonalBaseline(
                        settings.levelMemory(),
                        settings.seasonMemory(),
                        settings.seasonPrior(),
                        zone);
        this.negativeBase =
                new SeasonalBaseline(
                        settings.levelMemory(),
                        settings.seasonMemory(),
                        settings.seasonPrior(),
                        zone);
        // The share's denominator: the mentions taking part in the negative triggers, which
        // leaves out those the brand's uncertain policy excludes (equal to total otherwise).
        this.assessedBase =
                new SeasonalBaseline(
                        settings.levelMemory(),
                        settings.seasonMemory(),
                        settings.seasonPrior(),
                        zone);
        this.windows =
                settings.longWindow() > 1 ? new int[] {1, settings.longWindow()} : new int[] {1};
        this.negativeWindows =
                Arrays.stream(settings.negativeWindows()).sorted().distinct().toArray();
        this.totalDispersion = new Dispersion[windows.length];
        this.negativeDispersion = new Dispersion[negativeWindows.length];
        for (int i = 0; i < windows.length; i++) {
            totalDispersion[i] = new Dispersion(settings.dispersionMemory(), settings.winsorZ());
        }
        for (int i = 0; i < negativeWindows.length; i++) {
            negativeDispersion[i] = new Dispersion(settings.dispersionMemory(), settings.winsorZ());
        }
        int w = Math.max(windows[windows.length - 1], negativeWindows[negativeWindows.length - 1]);
        ringTotal = new long[w];
        ringNegative = new long[w];
        ringExpectedTotal = new double[w];
        ringExpectedNegative = new double[w];
        ringAssessed = new long[w];
        ringExpectedAssessed = new double[w];
        int warmup = Math.max(0, settings.warmupBuckets());
        warmupTimes = new long[warmup];
        warmupTotal = new long[warmup];
        warmupNegative = new long[warmup];
        warmupAssessed = new long[warmup];
    }

    /** Restores a detector from {@link #snapshot()}. */
    public static SpikeDetector restore(
            DetectorSettings settings, ZoneId zone, DetectorSnapshot snapshot) {
        var detector = new SpikeDetector(settings, zone);
        detector.load(snapshot);
        return detector;
    }

    public DetectorSettings settings() {
        return settings;
    }

    /** Start of the last bucket observed, or null before the first. */
    public Instant lastBucket() {
        return lastBucket;
    }

    public boolean isFiring() {
        return firing;
    }

    /**
     * What the seasonal baseline expects in the bucket starting at {@code t}: (total, negative).
     */
    public double[] expected(Instant t) {
        return new double[] {totalBase.expected(t), negativeBase.expected(t)};
    }

    /**
     * Observes the next bucket. Buckets skipped since the previous one count as empty. A bucket at
     * or before the last one observed is too late to change anything: the answer is a no-change
     * evaluation (the caller evaluates closed buckets only, after their grace period).
     */
    public Evaluation observe(Bucket bucket) {
        Objects.requireNonNull(bucket, "bucket");
        Duration size = settings.bucketSize();
        if (lastBucket != null && !bucket.start().isAfter(lastBucket)) {
            return new Evaluation(
                    bucket.start(),
                    0,
                    List.of(),
                    Transition.NONE,
                    firing,
                    severity,
                    episodeStart,
                    isWarm());
        }
        if (lastBucket != null) {
            long gap = Duration.between(lastBucket, bucket.start()).toSeconds() / size.toSeconds();
            // Empty buckets are real zeros for a counter; very long gaps only need the recent ones.
            long fill = Math.min(gap - 1, MAX_GAP_FILL);
            Instant t = bucket.start().minus(size.multipliedBy(fill));
            Transition merged = Transition.NONE;
            for (long i = 0; i < fill; i++) {
                var e = step(new Bucket(t, 0, 0));
                if (e.transition() == Transition.RESOLVE) {
                    merged = Transition.RESOLVE;
                }
                t = t.plus(size);
            }
            var evaluation = step(bucket);
            if (merged == Transition.RESOLVE && evaluation.transition() == Transition.NONE) {
                // A resolve in the filled gap must not be lost to the caller.
                return new Evaluation(
                        evaluation.bucketStart(),
                        evaluation.score(),
                        evaluation.signals(),
                        firing ? Transition.NONE : Transition.RESOLVE,
                        evaluation.firing(),
                        evaluation.severity(),
                        evaluation.episodeStart(),
                        evaluation.warm());
            }
            return evaluation;
        }
        return step(bucket);
    }

    private boolean isWarm() {
        return totalBase.observations() >= settings.warmupBuckets();
    }

    private Evaluation step(Bucket b) {
        Instant t = b.start();
        lastBucket = t;
        double en = totalBase.expected(t);
        double ek = negativeBase.expected(t);
        ringTotal[ringPos] = b.total();
        ringNegative[ringPos] = b.negative();
        ringExpectedTotal[ringPos] = en;
        ringExpectedNegative[ringPos] = ek;
        ringAssessed[ringPos] = b.assessed();
        ringExpectedAssessed[ringPos] = assessedBase.expected(t);
        ringPos = (ringPos + 1) % ringTotal.length;
        ringFilled = Math.min(ringFilled + 1, ringTotal.length);

        boolean warm = isWarm();
        var signals = new ArrayList<Signal>(3);
        double[][] sums = new double[windows.length][];
        for (int i = 0; i < windows.length; i++) {
            sums[i] = windowSums(Math.min(windows[i], ringFilled));
        }
        double[][] negativeSums = new double[negativeWindows.length][];
        for (int i = 0; i < negativeWindows.length; i++) {
            negativeSums[i] = windowSums(Math.min(negativeWindows[i], ringFilled));
            if (warm) {
                scaleByOtherPosts(negativeSums[i]);
            }
        }
        signals.add(volumeSignal(Trigger.TOTAL_VOLUME, sums, totalDispersion, 0, 2));
        boolean early = !warm && settings.earlyPriorMentions() > 0 && warmupTimes != null;
        signals.add(
                !early
                        ? volumeSignal(
                                Trigger.NEGATIVE_VOLUME, negativeSums, negativeDispersion, 1, 3)
                        : earlyNegativeSignal(t, negativeSums));
        if (warm && settings.shareCusum()) {
            accumulateCusum(
                    b, ek, ringExpectedAssessed[Math.floorMod(ringPos - 1, ringTotal.length)]);
        }
        var windowedShare = shareSignal(sums);
        signals.add(stronger(windowedShare, cusumSignal()));
        if (!warm) {
            // Only the warm-up's own negative-volume test may fire before the baseline is warm.
            signals.replaceAll(
                    s ->
                            early && s.trigger() == Trigger.NEGATIVE_VOLUME
                                    ? s
                                    : new Signal(
                                            s.trigger(),
                                            s.windowBuckets(),
                                            s.observed(),
                                            s.expected(),
                                            s.negative(),
                                            s.total(),
                                            s.pValue(),
                                            s.effect(),
                                            false,
                                            false));
        }
        boolean firingNow = signals.stream().anyMatch(Signal::firing);
        // An open episode holds on the windowed tests only (the CUSUM starts episodes), and on the
        // negatives' short windows: the longer ones, still full of the episode, would keep it open
        // hours after it passed.
        boolean holdNow =
                warm
                        ? holds(windowedShare)
                                || holds(signals.get(0))
                                || holds(shortNegativeSignal(negativeSums))
                        : early && holds(signals.get(1));
        double score = signals.stream().mapToDouble(Signal::score).max().orElse(0);

        Transition transition = Transition.NONE;
        if (!firing) {
            onStreak = firingNow ? onStreak + 1 : 0;
            if (onStreak == 1) {
                streakStart = t;
            }
            // A steep negative rise pages on its first bucket: the on-delay guards against blips,
            // and a negative trigger this far out in the tail and this large is none.
            boolean steep = firingNow && signals.stream().anyMatch(this::steep);
            if (onStreak >= settings.onBuckets() || steep) {
                boolean inCooldown =
                        lastResolved != null
                                && Duration.between(lastResolved, t).toSeconds()
                                        <= settings.cooldownBuckets()
                                                * settings.bucketSize().toSeconds();
                transition = inCooldown ? Transition.REOPEN : Transition.PAGE;
                if (!inCooldown) {
                    episodeStart = streakStart;
                    episodeTriggers.clear();
                    severity = null;
                }
                firing = true;
                misses = 0;
                frozenFor = 0;
                escalate(signals);
            }
        } else {
            frozenFor++;
            // Firing over the negatives' longer windows does not keep an episode open either.
            boolean firingShort =
                    signals.stream()
                            .anyMatch(
                                    x -> x.firing() && x.windowBuckets() <= settings.longWindow());
            if (holdNow || firingShort) {
                misses = 0;
                if (firingNow && escalate(signals)) {
                    transition = Transition.UPDATE;
                }
            } else if (++misses >= settings.offBuckets()) {
                transition = Transition.RESOLVE;
                firing = false;
                onStreak = 0;
                lastResolved = t;
            }
        }

        // Firing and pending buckets do not teach the baseline (unless an episode outlasts the
        // freeze, which makes a lasting level shift the new normal); the rest teach winsorized.
        if (firing) {
            // While an episode is open the CUSUM starts afresh each bucket: it starts episodes,
            // and what it gathered during one says nothing about the next.
            resetCusum();
        }
        // A negative count already unusual (p below ten times the clear threshold) before it fires
        // holds its buckets back: at a few posts an hour a burst arrives one post at a time, and
        // each post learned raised what the next hour was judged against (a night's post, divided
        // by the night's small factor, moved the level by half). They are learned late when the
        // count turns usual again without an episode (so the baseline is not biased low by
        // leaving out exactly the buckets with negatives), dropped when it became one.
        boolean negativesBuilding =
                warm
                        && !firing
                        && signals.get(1).pValue() < Math.min(0.5, 10 * settings.alphaClear())
                        && heldBack.size() < settings.maxFreezeBuckets();
        if (!negativesBuilding && !heldBack.isEmpty()) {
            if (!firing && onStreak == 0) {
                for (long[] h : heldBack) {
                    learnNegatives(Instant.ofEpochSecond(h[0]), h[2]);
                }
            }
            heldBack.clear();
        }
        // A share CUSUM past the clear threshold is an episode building up: it does not teach the
        // baseline either (for at most the freeze), or a slow turn would become the norm before
        // it fires.
        boolean building =
                cusum > -Math.log(settings.alphaClear() / windows.length)
                        && cusumBuckets <= settings.maxFreezeBuckets();
        // A run of empty buckets the baseline makes unlikely is a source gone silent (or a gap
        // filled with zeros), not calm: it teaches nothing, so its return does not look like a
        // spike and the silence does not lower what the next days expect.
        boolean silent = silent(b, en);
        if (!silent
                && ((!firing && onStreak == 0 && !building)
                        || frozenFor > settings.maxFreezeBuckets())) {
            if (!warm && warmupTimes != null && warmupSize < warmupTimes.length) {
                warmupTimes[warmupSize] = t.getEpochSecond();
                warmupTotal[warmupSize] = b.total();
                warmupNegative[warmupSize] = b.negative();
                warmupAssessed[warmupSize] = b.assessed();
                warmupSize++;
            }
            if (negativesBuilding && frozenFor <= settings.maxFreezeBuckets()) {
                // Only the negatives wait: the total and its dispersion learn as usual (left out,
                // the busiest buckets, where negatives rise with the volume, would be missing).
                heldBack.add(
                        new long[] {t.getEpochSecond(), b.total(), b.negative(), b.assessed()});
                learn(t, b, sums, null);
            } else {
                learn(t, b, sums, negativeSums);
            }
            if (!warm && isWarm()) {
                seedFromWarmup();
            }
        }
        return new Evaluation(t, score, signals, transition, firing, severity, episodeStart, warm);
    }

    /** Adds the firing triggers to the episode; true when severity rose or a trigger joined. */
    private boolean escalate(List<Signal> signals) {
        boolean changed = false;
        Severity now = Severity.LOW;
        for (var s : signals) {
            if (!s.firing()) {
                continue;
            }
            changed |= episodeTriggers.add(s.trigger());
            if (s.trigger() != Trigger.TOTAL_VOLUME) {
                Severity sev = s.effect() >= 3.0 ? Severity.HIGH : Severity.MEDIUM;
                if (sev.compareTo(now) > 0) {
                    now = sev;
                }
            }
        }
        if (severity == null || now.compareTo(severity) > 0) {
            changed |= severity != null;
            severity = now;
        }
        return changed;
    }

    /**
     * Only the negative triggers take the shortcut: a one-bucket jump in total volume is the
     * commonest blip (reposts, a viral post) and on the NAB Twitter series paging those at once
     * added false pages and lost windows to the cooldown; a burst of negative posts is what should
     * page fast.
     */
    private boolean steep(Signal s) {
        return s.firing()
                && s.trigger() != Trigger.TOTAL_VOLUME
                && settings.steepAlpha() > 0
                && s.pValue() < settings.steepAlpha()
                && s.effect() >= settings.steepEffect();
    }

    private boolean holds(Signal s) {
        boolean counts =
                switch (s.trigger()) {
                    case TOTAL_VOLUME -> s.total() >= settings.minTotal();
                    case NEGATIVE_VOLUME -> s.negative() >= settings.minNegative();
                    case NEGATIVE_SHARE ->
                            s.negative() >= settings.minNegative()
                                    && s.total() >= settings.minShareTotal();
                };
        return counts && s.pValue() < settings.alphaClear();
    }

    /**
     * {observed total, observed negative, expected total, expected negative, buckets, observed
     * assessed, expected assessed}.
     */
    private double[] windowSums(int length) {
        double n = 0;
        double k = 0;
        double en = 0;
        double ek = 0;
        double a = 0;
        double ea = 0;
        for (int i = 1; i <= length; i++) {
            int idx = Math.floorMod(ringPos - i, ringTotal.length);
            n += ringTotal[idx];
            k += ringNegative[idx];
            en += ringExpectedTotal[idx];
            ek += ringExpectedNegative[idx];
            a += ringAssessed[idx];
            ea += ringExpectedAssessed[idx];
        }
        return new double[] {n, k, en, ek, length, a, ea};
    }

    /**
     * Scales a negative window's expected negatives by how its other (assessed, non-negative) posts
     * compare with their baseline, the ratio shrunk towards 1 by {@code otherPostsPrior}
     * pseudo-posts. Negatives that rise with everything else are volume, not a turn for the worse:
     * a repost burst or a busy hour (the hour's level moves every kind of post together) carries
     * its usual share of negatives, and judged against their own baseline alone those paged as a
     * negative burst. The posts a negative episode adds are negative, so they leave the ratio
     * alone; a share turn, the volume unchanged, lowers it, which only sharpens the test.
     */
    private void scaleByOtherPosts(double[] s) {
        double prior = settings.otherPostsPrior();
        if (prior <= 0) {
            return;
        }
        double others = Math.max(0, s[5] - s[1]);
        double expectedOthers = Math.max(0, s[6] - s[3]);
        s[3] *= (others + prior) / (expectedOthers + prior);
    }

    private Signal volumeSignal(
            Trigger trigger,
            double[][] sums,
            Dispersion[] dispersion,
            int observedIdx,
            int expectedIdx) {
        Signal best = null;
        for (int i = 0; i < sums.length; i++) {
            double[] s = sums[i];
            if (reachesIntoLastEpisode((int) s[4])) {
                continue;
            }
            long x = (long) s[observedIdx];
            double m = Math.max(s[expectedIdx], 0.01 * s[4]);
            double p =
                    Math.min(
                            1.0,
                            sums.length * Distributions.countUpperTail(x, m, dispersion[i].phi()));
            best = stronger(best, volume(trigger, s, x, m, p));
        }
        return best;
    }

    /**
     * Whether a window longer than the share's reaches back to the bucket the last episode resolved
     * at: still full of that episode, it would re-open it as soon as it resolved.
     */
    private boolean reachesIntoLastEpisode(int window) {
        if (window <= settings.longWindow() || lastResolved == null) {
            return false;
        }
        var start = lastBucket.minus(settings.bucketSize().multipliedBy(window - 1L));
        return !start.isAfter(lastResolved);
    }

    private Signal shortNegativeSignal(double[][] negativeSums) {
        int n = 0;
        while (n < negativeWindows.length && negativeWindows[n] <= settings.longWindow()) {
            n++;
        }
        return volumeSignal(
                Trigger.NEGATIVE_VOLUME,
                Arrays.copyOf(negativeSums, Math.max(1, n)),
                negativeDispersion,
                1,
                3);
    }

    private Signal volume(Trigger trigger, double[] s, long x, double m, double p) {
        double effect = x / m;
        long minimum =
                trigger == Trigger.TOTAL_VOLUME ? settings.minTotal() : settings.minNegative();
        boolean guarded = x >= minimum && effect >= settings.minEffect();
        return new Signal(
                trigger,
                (int) s[4],
                x,
                m,
                (long) s[1],
                (long) s[0],
                p,
                effect,
                guarded,
                guarded && p < settings.alphaFire(trigger));
    }

    /**
     * The negative-volume test of a detector still warming up, before its baseline can say what an
     * hour should hold: the negatives of a window of {@code n} assessed mentions are judged against
     * a beta-binomial, the negative share's posterior from a conservative population prior ({@code
     * earlyPriorShare}, worth {@code earlyPriorMentions} mentions) and the mentions learned before
     * the window. Judged against the window's own volume, the daily cycle and a repost burst do not
     * move it; young, the posterior is wide, so only a clear burst of negatives pages, and it
     * narrows towards the series' own share as the hours pass.
     */
    private Signal earlyNegativeSignal(Instant t, double[][] negativeSums) {
        double priorNegative = settings.earlyPriorShare() * settings.earlyPriorMentions();
        double priorOther = settings.earlyPriorMentions() - priorNegative;
        Signal best = null;
        for (double[] s : negativeSums) {
            int w = (int) s[4];
            if (reachesIntoLastEpisode(w)) {
                continue;
            }
            long windowStart = t.minus(settings.bucketSize().multipliedBy(w - 1L)).getEpochSecond();
            double negative = 0;
            double assessed = 0;
            for (int j = 0; j < warmupSize; j++) {
                if (warmupTimes[j] < windowStart) {
                    negative += warmupNegative[j];
                    assessed += warmupAssessed[j];
                }
            }
            double alpha = priorNegative + negative;
            double beta = priorOther + assessed - negative;
            long n = (long) s[5];
            long k = (long) s[1];
            double m = Math.max(n * alpha / (alpha + beta), 0.01);
            double p =
                    Math.min(
                            1.0,
                            negativeSums.length
                                    * Distributions.betaBinomialUpperTail(k, n, alpha, beta));
            best = stronger(best, volume(Trigger.NEGATIVE_VOLUME, s, k, m, p));
        }
        return best;
    }

    /**
     * Whether the bucket is part of a run of empty buckets less likely than {@code silenceAlpha}
     * under the baseline (a negative binomial zero per bucket, with the bucket's dispersion).
     */
    private boolean silent(Bucket b, double expectedTotal) {
        if (b.total() > 0) {
            silentExpected = 0;
            return false;
        }
        double phi = totalDispersion[0].phi();
        silentExpected +=
                phi > 1 + 1e-9 ? expectedTotal * Math.log(phi) / (phi - 1) : expectedTotal;
        return settings.silenceAlpha() > 0
                && isWarm()
                && silentExpected > -Math.log(settings.silenceAlpha());
    }

    /**
     * A one-sided CUSUM of the binomial log-likelihood ratio of each bucket's negatives among its
     * assessed mentions, for the share rising from the baseline share {@code p0} to {@code p1 =
     * max(2 p0, p0 + 0.2)} (at most 0.9), each bucket's term divided by the beta-binomial design
     * effect {@code 1 + (n - 1) rho}. It adds evidence post by post, so a turn that builds over
     * hours or arrives a few posts an hour (where no 30-minute window holds enough mentions) still
     * crosses it, while its drift is negative whatever the volume at the baseline share: a repost
     * burst, the share unchanged, does not move it up.
     */
    private void accumulateCusum(Bucket b, double expectedNegative, double expectedAssessed) {
        long n = b.assessed();
        if (n == 0) {
            return;
        }
        long k = b.negative();
        double p0 = expectedAssessed > 1e-9 ? expectedNegative / expectedAssessed : 0.2;
        p0 = Math.min(0.95, Math.max(0.02, p0));
        double p1 = Math.min(0.9, Math.max(2 * p0, p0 + 0.2));
        if (p1 <= p0) {
            return;
        }
        double llr = k * Math.log(p1 / p0) + (n - k) * Math.log((1 - p1) / (1 - p0));
        cusum += llr / (1 + (n - 1) * settings.shareRho());
        if (cusum <= 0) {
            resetCusum();
            return;
        }
        cusumNegative += k;
        cusumAssessed += n;
        cusumExpected += n * p0;
        cusumBuckets++;
    }

    private void resetCusum() {
        cusum = 0;
        cusumNegative = 0;
        cusumAssessed = 0;
        cusumExpected = 0;
        cusumBuckets = 0;
    }

    /**
     * The CUSUM as a share signal over its run: by Ville's inequality {@code exp(-S)} bounds the
     * chance that the likelihood ratio ever got this high at the baseline share, so it stands as
     * the p-value (times the windows tried, like the others).
     */
    private Signal cusumSignal() {
        if (cusumBuckets == 0 || cusumAssessed == 0) {
            return new Signal(Trigger.NEGATIVE_SHARE, 1, 0, 0, 0, 0, 1.0, 0, false, false);
        }
        double p0 = Math.min(0.95, Math.max(0.02, cusumExpected / cusumAssessed));
        double share = (double) cusumNegative / cusumAssessed;
        double p = Math.min(1.0, windows.length * Math.exp(-cusum));
        boolean guarded =
                cusumNegative >= settings.minNegative() && share > p0 + settings.shareDelta();
        return new Signal(
                Trigger.NEGATIVE_SHARE,
                cusumBuckets,
                share,
                p0,
                cusumNegative,
                cusumAssessed,
                p,
                share / p0,
                guarded,
                guarded && p < settings.negativeAlphaFire());
    }

    private Signal shareSignal(double[][] sums) {
        Signal best = null;
        for (double[] s : sums) {
            long n = (long) s[5];
            long k = (long) s[1];
            double p0 = baselineShare(s);
            double share = n > 0 ? (double) k / n : 0;
            double p = 1.0;
            if (n > 0 && k > n * p0) {
                double variance = n * p0 * (1 - p0) * (1 + (n - 1) * settings.shareRho());
                p =
                        Math.min(
                                1.0,
                                windows.length
                                        * Distributions.normalUpperTail(
                                                (k - n * p0) / Math.sqrt(variance)));
            }
            boolean guarded =
                    n >= settings.minShareTotal()
                            && k >= settings.minNegative()
                            && Distributions.wilsonLower(k, n, 1.645) > p0 + settings.shareDelta();
            var signal =
                    new Signal(
                            Trigger.NEGATIVE_SHARE,
                            (int) s[4],
                            share,
                            p0,
                            k,
                            n,
                            p,
                            share / p0,
                            guarded,
                            guarded && p < settings.negativeAlphaFire());
            best = stronger(best, signal);
        }
        return best;
    }

    private static double baselineShare(double[] s) {
        // Ratio of the seasonal expectations, kept off 0 and 1 so the test stays defined.
        double p0 = s[6] > 1e-9 ? s[3] / s[6] : 0.2;
        return Math.min(0.95, Math.max(0.02, p0));
    }

    private static Signal stronger(Signal a, Signal b) {
        if (a == null) {
            return b;
        }
        if (a.firing() != b.firing()) {
            return a.firing() ? a : b;
        }
        return b.pValue() < a.pValue() ? b : a;
    }

    private void learn(Instant t, Bucket b, double[][] sums, double[][] negativeSums) {
        if (isWarm()) {
            for (int i = 0; i < windows.length; i++) {
                if (ringFilled >= windows[i]) {
                    totalDispersion[i].update(sums[i][0], sums[i][2]);
                }
            }
            for (int i = 0; negativeSums != null && i < negativeWindows.length; i++) {
                if (ringFilled >= negativeWindows[i]) {
                    negativeDispersion[i].update(negativeSums[i][1], negativeSums[i][3]);
                }
            }
        }
        learnBaselines(t, b, negativeSums != null);
    }

    /** A held-back bucket's negatives, learned late. */
    private void learnNegatives(Instant t, long negative) {
        double ek = negativeBase.expected(t);
        negativeBase.update(
                t,
                negative,
                ek
                        + settings.winsorZ()
                                * Math.sqrt(negativeDispersion[0].phi() * Math.max(ek, 0.5)));
    }

    private void learnBaselines(Instant t, Bucket b, boolean negatives) {
        double en = totalBase.expected(t);
        double ek = negativeBase.expected(t);
        double ea = assessedBase.expected(t);
        double capTotal =
                en + settings.winsorZ() * Math.sqrt(totalDispersion[0].phi() * Math.max(en, 0.5));
        double capNegative =
                ek
                        + settings.winsorZ()
                                * Math.sqrt(negativeDispersion[0].phi() * Math.max(ek, 0.5));
        // Capped like the total it is part of (with the same dispersion, read before this bucket
        // updates it), so both learn the same from a bucket where all mentions take part.
        double capAssessed =
                ea + settings.winsorZ() * Math.sqrt(totalDispersion[0].phi() * Math.max(ea, 0.5));
        totalBase.update(t, b.total(), capTotal);
        if (negatives) {
            negativeBase.update(t, b.negative(), capNegative);
        }
        assessedBase.update(t, b.assessed(), capAssessed);
    }

    /**
     * At the end of the warm-up, learns the baselines and dispersions again from the warm-up's
     * buckets at once instead of bucket by bucket: a level learned from an unknown start made the
     * first hours' factors depend on the hour the series started at, and a dispersion climbing from
     * its prior under a clip that moves with it took weeks to settle, so the first days paged more
     * than the rest and differently for each start. Spikes in the warm-up are clipped like in
     * learning (against a first, unclipped pass).
     */
    private void seedFromWarmup() {
        int n = warmupSize;
        if (warmupTimes != null && n >= Math.max(1, settings.warmupBuckets() / 2)) {
            var times = new Instant[n];
            double[] total = new double[n];
            double[] negative = new double[n];
            double[] assessed = new double[n];
            double[] none = new double[n];
            for (int j = 0; j < n; j++) {
                times[j] = Instant.ofEpochSecond(warmupTimes[j]);
                total[j] = warmupTotal[j];
                negative[j] = warmupNegative[j];
                assessed[j] = warmupAssessed[j];
                none[j] = Double.POSITIVE_INFINITY;
            }
            totalBase.seed(times, total, none);
            negativeBase.seed(times, negative, none);
            assessedBase.seed(times, assessed, none);
            double phiTotal = seededDispersion(times, total, none, 1).phi();
            double phiNegative = seededDispersion(times, negative, none, 1).phi();
            double[] capTotal = caps(times, totalBase, phiTotal);
            double[] capNegative = caps(times, negativeBase, phiNegative);
            totalBase.seed(times, total, capTotal);
            negativeBase.seed(times, negative, capNegative);
            assessedBase.seed(times, assessed, caps(times, assessedBase, phiTotal));
            for (int i = 0; i < windows.length; i++) {
                totalDispersion[i] = seededDispersion(times, total, capTotal, windows[i]);
            }
            for (int i = 0; i < negativeWindows.length; i++) {
                negativeDispersion[i] =
                        seededDispersion(times, negative, capNegative, negativeWindows[i]);
            }
            // The open windows are judged against the seeded baseline too.
            Duration size = settings.bucketSize();
            for (int i = 1; i <= ringFilled; i++) {
                int idx = Math.floorMod(ringPos - i, ringTotal.length);
                Instant t = lastBucket.minus(size.multipliedBy(i - 1L));
                ringExpectedTotal[idx] = totalBase.expected(t);
                ringExpectedNegative[idx] = negativeBase.expected(t);
                ringExpectedAssessed[idx] = assessedBase.expected(t);
            }
        }
        warmupTimes = null;
        warmupTotal = null;
        warmupNegative = null;
        warmupAssessed = null;
        warmupSize = 0;
    }

    /**
     * The dispersion of {@code window}-bucket sums around the hour-of-day means of the warm-up,
     * each window judged against means that leave its own buckets out: judged in-sample, a day's
     * hour means would absorb much of the windows' own variation and understate it.
     */
    private Dispersion seededDispersion(
            Instant[] times, double[] values, double[] caps, int window) {
        int[] hour = new int[times.length];
        double[] sums = new double[SeasonalBaseline.HOURS];
        int[] counts = new int[SeasonalBaseline.HOURS];
        for (int j = 0; j < times.length; j++) {
            hour[j] = SeasonalBaseline.slotOf(times[j], zone) % SeasonalBaseline.HOURS;
            sums[hour[j]] += Math.min(values[j], caps[j]);
            counts[hour[j]]++;
        }
        var residuals = new double[Math.max(0, times.length - window + 1)];
        int r = 0;
        for (int end = window - 1; end < times.length; end++) {
            double x = 0;
            double m = 0;
            double inflation = 0;
            for (int j = end - window + 1; j <= end; j++) {
                x += values[j];
                double sum = sums[hour[j]];
                int count = counts[hour[j]];
                for (int i = end - window + 1; i <= end; i++) {
                    if (hour[i] == hour[j]) {
                        sum -= Math.min(values[i], caps[i]);
                        count--;
                    }
                }
                m += count > 0 ? sum / count : sums[hour[j]] / counts[hour[j]];
                // A mean of fewer buckets is itself noisy: with k of the hour's C buckets in the
                // window, x - m varies by C / (C - k) times what x alone does.
                inflation += count > 0 ? (double) counts[hour[j]] / count : 1;
            }
            if (m > 1e-6) {
                residuals[r++] = (x - m) * (x - m) / m / (inflation / window);
            }
        }
        return Dispersion.seeded(
                settings.dispersionMemory(), settings.winsorZ(), Arrays.copyOf(residuals, r));
    }

    private double[] caps(Instant[] times, SeasonalBaseline base, double phi) {
        double[] caps = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            double e = base.expected(times[j]);
            caps[j] = e + settings.winsorZ() * Math.sqrt(phi * Math.max(e, 0.5));
        }
        return caps;
    }

    /** Everything the detector has learned and its episode state, for persistence. */
    public DetectorSnapshot snapshot() {
        int all = windows.length + negativeWindows.length;
        double[] dispersion = new double[all];
        long[] dispersionCount = new long[all];
        int[] dispersionWindows = new int[all];
        for (int i = 0; i < windows.length; i++) {
            dispersion[i] = totalDispersion[i].raw();
            dispersionCount[i] = totalDispersion[i].count();
            dispersionWindows[i] = windows[i];
        }
        for (int i = 0; i < negativeWindows.length; i++) {
            dispersion[windows.length + i] = negativeDispersion[i].raw();
            dispersionCount[windows.length + i] = negativeDispersion[i].count();
            dispersionWindows[windows.length + i] = negativeWindows[i];
        }
        return new DetectorSnapshot(
                lastBucket,
                totalBase.state(),
                negativeBase.state(),
                dispersion,
                dispersionCount,
                ringTotal.clone(),
                ringNegative.clone(),
                ringExpectedTotal.clone(),
                ringExpectedNegative.clone(),
                ringPos,
                ringFilled,
                firing,
                onStreak,
                misses,
                frozenFor,
                episodeStart,
                streakStart,
                lastResolved,
                severity,
                EnumSet.copyOf(episodeTriggersOrEmpty()),
                assessedBase.state(),
                ringAssessed.clone(),
                ringExpectedAssessed.clone(),
                warmupTimes == null ? null : Arrays.copyOf(warmupTimes, warmupSize),
                warmupTotal == null ? null : Arrays.copyOf(warmupTotal, warmupSize),
                warmupNegative == null ? null : Arrays.copyOf(warmupNegative, warmupSize),
                warmupAssessed == null ? null : Arrays.copyOf(warmupAssessed, warmupSize),
                new double[] {cusum, cusumNegative, cusumAssessed, cusumExpected, cusumBuckets},
                dispersionWindows,
                learningState());
    }

    /** {silent run's expected mentions, buckets held back, then each as 4 numbers}. */
    private double[] learningState() {
        double[] state = new double[2 + 4 * heldBack.size()];
        state[0] = silentExpected;
        state[1] = heldBack.size();
        for (int i = 0; i < heldBack.size(); i++) {
            for (int j = 0; j < 4; j++) {
                state[2 + 4 * i + j] = heldBack.get(i)[j];
            }
        }
        return state;
    }

    private Set<Trigger> episodeTriggersOrEmpty() {
        return episodeTriggers.isEmpty() ? EnumSet.noneOf(Trigger.class) : episodeTriggers;
    }

    private void load(DetectorSnapshot s) {
        copyBaseline(s);
        int[] stored = s.dispersionWindows();
        if (stored == null && s.dispersion().length == 2 * windows.length) {
            // Written before the negative windows had their own: the total's, then the negative's
            // for the same windows.
            stored = new int[2 * windows.length];
            System.arraycopy(windows, 0, stored, 0, windows.length);
            System.arraycopy(windows, 0, stored, windows.length, windows.length);
        }
        if (stored != null && stored.length == s.dispersion().length) {
            int totals = totalEntries(stored);
            for (int i = 0; i < windows.length; i++) {
                int j = nearest(stored, 0, totals, windows[i]);
                if (j >= 0) {
                    totalDispersion[i] = restored(s, j);
                }
            }
            for (int i = 0; i < negativeWindows.length; i++) {
                int j = nearest(stored, totals, stored.length, negativeWindows[i]);
                if (j >= 0) {
                    negativeDispersion[i] = restored(s, j);
                }
            }
        }
        // The newest buckets of the stored ring, oldest first, whatever its length was.
        int oldLength = s.ringTotal().length;
        int keep = Math.min(Math.min(s.ringFilled(), oldLength), ringTotal.length);
        long[] assessed = s.ringAssessed() == null ? s.ringTotal() : s.ringAssessed();
        double[] expectedAssessed =
                s.ringExpectedAssessed() == null ? s.ringExpectedTotal() : s.ringExpectedAssessed();
        for (int i = 0; i < keep; i++) {
            int from = Math.floorMod(s.ringPos() - keep + i, oldLength);
            ringTotal[i] = s.ringTotal()[from];
            ringNegative[i] = s.ringNegative()[from];
            ringExpectedTotal[i] = s.ringExpectedTotal()[from];
            ringExpectedNegative[i] = s.ringExpectedNegative()[from];
            // A snapshot from before the uncertain policy took every mention into the share.
            ringAssessed[i] = assessed[from];
            ringExpectedAssessed[i] = expectedAssessed[from];
        }
        ringPos = keep % ringTotal.length;
        ringFilled = keep;
        heldBack.clear();
        double[] learning = s.learning();
        if (learning != null && learning.length >= 2) {
            silentExpected = learning[0];
            int n = (int) learning[1];
            for (int i = 0; i < n && 2 + 4 * i + 3 < learning.length; i++) {
                int at = 2 + 4 * i;
                heldBack.add(
                        new long[] {
                            (long) learning[at],
                            (long) learning[at + 1],
                            (long) learning[at + 2],
                            (long) learning[at + 3]
                        });
            }
        }
    }

    /**
     * How many stored entries are the total's: both lists start at the bucket itself and grow, so
     * the negative's begin where the windows stop growing.
     */
    private static int totalEntries(int[] stored) {
        int i = 1;
        while (i < stored.length && stored[i] > stored[i - 1]) {
            i++;
        }
        return i;
    }

    /** The entry in {@code [from, to)} of the longest window not longer than {@code window}. */
    private static int nearest(int[] stored, int from, int to, int window) {
        int best = -1;
        for (int j = from; j < to; j++) {
            if (stored[j] <= window && (best < 0 || stored[j] > stored[best])) {
                best = j;
            }
        }
        return best;
    }

    private Dispersion restored(DetectorSnapshot s, int j) {
        return new Dispersion(
                settings.dispersionMemory(),
                settings.winsorZ(),
                s.dispersion()[j],
                s.dispersionCount()[j]);
    }

    private void copyBaseline(DetectorSnapshot s) {
        totalBase.load(s.totalBaseline());
        negativeBase.load(s.negativeBaseline());
        assessedBase.load(s.assessedBaseline() == null ? s.totalBaseline() : s.assessedBaseline());
        lastBucket = s.lastBucket();
        firing = s.firing();
        onStreak = s.onStreak();
        misses = s.misses();
        frozenFor = s.frozenFor();
        episodeStart = s.episodeStart();
        streakStart = s.streakStart();
        lastResolved = s.lastResolved();
        severity = s.severity();
        episodeTriggers.clear();
        episodeTriggers.addAll(s.episodeTriggers());
        resetCusum();
        if (s.shareCusum() != null && s.shareCusum().length == 5) {
            cusum = s.shareCusum()[0];
            cusumNegative = (long) s.shareCusum()[1];
            cusumAssessed = (long) s.shareCusum()[2];
            cusumExpected = s.shareCusum()[3];
            cusumBuckets = (int) s.shareCusum()[4];
        }
        // A snapshot from before the warm-up was kept (or taken after it) has no buffer: a detector
        // still warming up then goes on learning bucket by bucket, as it did.
        int warmup = Math.max(0, settings.warmupBuckets());
        if (s.warmupTimes() != null
                && s.warmupTotal() != null
                && s.warmupNegative() != null
                && s.warmupAssessed() != null
                && totalBase.observations() < warmup
                && s.warmupTimes().length <= warmup) {
            int n = s.warmupTimes().length;
            warmupTimes = Arrays.copyOf(s.warmupTimes(), warmup);
            warmupTotal = Arrays.copyOf(s.warmupTotal(), warmup);
            warmupNegative = Arrays.copyOf(s.warmupNegative(), warmup);
            warmupAssessed = Arrays.copyOf(s.warmupAssessed(), warmup);
            warmupSize = n;
        } else {
            warmupTimes = null;
            warmupTotal = null;
            warmupNegative = null;
            warmupAssessed = null;
            warmupSize = 0;
        }
    }
}
