package org.caresignal.sentiment.domain;

import java.util.List;
import org.caresignal.sentiment.domain.ReviewTopics.Topic;

/**
 * Weighs the verdicts of a review's units (sentences or clauses) into the verdict on the provider:
 * what is said about the provider counts fully, other remarks half, and the patient's illness,
 * symptoms or medicine are mostly description: most of their negative side is dropped ("the pain
 * was unbearable" is no complaint about the hospital) while relief ("the pain is gone") keeps its
 * weight as an outcome of care. A review whose praise and complaints about the provider weigh about
 * the same is mixed (neutral). Pure, immutable and thread-safe.
 */
public final class ReviewAggregator {

    /** One unit: what it is about, its token count and the model's {P(neg), P(neu), P(pos)}. */
    public record Unit(Topic topic, int tokens, double[] probabilities) {}

    /**
     * The aggregated {P(neg), P(neu), P(pos)} and whether the provider got praise and blame alike.
     */
    public record Verdict(double[] probabilities, boolean mixed) {}

    static final double PROVIDER_WEIGHT = 1.0;
    static final double OTHER_WEIGHT = 0.5;
    static final double ILLNESS_WEIGHT = 0.5;

    /** The share of an illness unit's negative probability that stays negative. */
    static final double ILLNESS_NEGATIVE_KEPT = 0.2;

    /** Praise and complaint about the provider within this ratio of each other make a mix. */
    static final double MIXED_RATIO = 0.75;

    /** The weight of a unit without any lean, against 1 + that for one entirely on one side. */
    static final double EVIDENCE_FLOOR = 0.25;

    /** Units longer than this count no more than a unit of this length. */
    private static final int LENGTH_CAP = 40;

    /**
     * Whether a post is scored through its units rather than as one text: only when it has a unit
     * about the provider and another about something else, or two units that disagree about the
     * provider (see docs/benchmarks.md, "Long reviews", for the figures behind the rule).
     */
    public boolean applies(List<Unit> units) {
        if (units.size() < 2) {
            return false;
        }
        boolean provider = false;
        boolean illness = false;
        boolean praise = false;
        boolean complaint = false;
        for (var unit : units) {
            if (unit.topic() == Topic.PROVIDER) {
                provider = true;
                praise |= leaning(unit.probabilities()) > 0;
                complaint |= leaning(unit.probabilities()) < 0;
            }
            illness |= unit.topic() == Topic.ILLNESS;
        }
        return provider && (illness || (praise && complaint));
    }

    public Verdict aggregate(List<Unit> units) {
        double[] sum = new double[3];
        double total = 0;
        double praise = 0;
        double complaint = 0;
        for (var unit : units) {
            double[] p = unit.probabilities();
            double length = Math.sqrt(Math.max(1, Math.min(unit.tokens(), LENGTH_CAP)));
            double w;
            double[] q = p;
            switch (unit.topic()) {
                case PROVIDER -> {
                    w = PROVIDER_WEIGHT * length;
                    int lean = leaning(p);
                    if (lean > 0) {
                        praise += w * p[2];
                    } else if (lean < 0) {
                        complaint += w * p[0];
                    }
                }
                case ILLNESS -> {
                    // The dropped share of the negative side is no evidence about the provider
                    // at all: it leaves the unit's weight with it rather than turning neutral.
                    double kept = 1 - p[0] * (1 - ILLNESS_NEGATIVE_KEPT);
                    w = ILLNESS_WEIGHT * length * kept;
                    q =
                            new double[] {
                                p[0] * ILLNESS_NEGATIVE_KEPT / kept, p[1] / kept, p[2] / kept
                            };
                }
                default -> w = OTHER_WEIGHT * length;
            }
            // A unit that takes a side tells more than one that only describes; without this, the
            // plain narrative of a long review ("we arrived at nine") drowns its verdict.
            w *= EVIDENCE_FLOOR + Math.abs(q[2] - q[0]);
            for (int c = 0; c < 3; c++) {
                sum[c] += w * q[c];
            }
            total += w;
        }
        if (total == 0) {
            return new Verdict(new double[] {0, 1, 0}, false);
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= total;
        }
        boolean mixed =
                praise > 0
                        && complaint > 0
                        && Math.min(praise, complaint) >= MIXED_RATIO * Math.max(praise, complaint);
        return new Verdict(sum, mixed);
    }

    /** +1 when the unit's most probable class is positive, -1 negative, 0 neutral. */
    static int leaning(double[] p) {
        if (p[2] > p[1] && p[2] > p[0]) {
            return 1;
        }
        if (p[0] > p[1] && p[0] > p[2]) {
            return -1;
        }
        return 0;
    }
}
