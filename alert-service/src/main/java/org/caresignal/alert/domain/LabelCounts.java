package org.caresignal.alert.domain;

/**
 * A bucket's (or a sum of buckets') stored counts: every mention by label, and among each label
 * those counted {@link Certainty#UNCERTAIN} and those in a language the model does not read. The
 * store keeps the split, so a brand's {@link UncertainPolicy} is applied when counts are read and a
 * change of policy applies to its whole history alike.
 */
public record LabelCounts(
        long total,
        long negative,
        long neutral,
        long positive,
        long negativeUncertain,
        long neutralUncertain,
        long positiveUncertain,
        long negativeUnread,
        long neutralUnread,
        long positiveUnread) {

    public LabelCounts {
        if (negativeUncertain + negativeUnread > negative
                || neutralUncertain + neutralUnread > neutral
                || positiveUncertain + positiveUnread > positive
                || negative + neutral + positive != total
                || Math.min(
                                Math.min(negativeUncertain, neutralUncertain),
                                Math.min(positiveUncertain, negativeUnread))
                        < 0
                || Math.min(neutralUnread, positiveUnread) < 0) {
            throw new IllegalArgumentException("inconsistent counts " + this);
        }
    }

    /** Counts without any uncertain mention (as stored before the uncertain policy). */
    public static LabelCounts certain(long negative, long neutral, long positive) {
        return new LabelCounts(
                negative + neutral + positive, negative, neutral, positive, 0, 0, 0, 0, 0, 0);
    }

    /** Mentions the scorer was not sure of, in a language it reads. */
    public long uncertain() {
        return negativeUncertain + neutralUncertain + positiveUncertain;
    }

    /** Mentions in a language the model does not read. */
    public long unread() {
        return negativeUnread + neutralUnread + positiveUnread;
    }

    /**
     * The counts as the negative triggers and the sentiment figures see them under {@code policy}:
     * certain mentions by their label; uncertain ones as negative, as neutral or left out; unread
     * ones always left out. The volume keeps every mention.
     */
    public PolicyCounts under(UncertainPolicy policy) {
        long certainNegative = negative - negativeUncertain - negativeUnread;
        long certainNeutral = neutral - neutralUncertain - neutralUnread;
        long certainPositive = positive - positiveUncertain - positiveUnread;
        return switch (policy) {
            case NEGATIVE ->
                    new PolicyCounts(
                            total, certainNegative + uncertain(), certainNeutral, certainPositive);
            case NEUTRAL ->
                    new PolicyCounts(
                            total, certainNegative, certainNeutral + uncertain(), certainPositive);
            case EXCLUDE ->
                    new PolicyCounts(total, certainNegative, certainNeutral, certainPositive);
        };
    }

    /** The sum of two counts. */
    public LabelCounts plus(LabelCounts o) {
        return new LabelCounts(
                total + o.total,
                negative + o.negative,
                neutral + o.neutral,
                positive + o.positive,
                negativeUncertain + o.negativeUncertain,
                neutralUncertain + o.neutralUncertain,
                positiveUncertain + o.positiveUncertain,
                negativeUnread + o.negativeUnread,
                neutralUnread + o.neutralUnread,
                positiveUnread + o.positiveUnread);
    }

    /**
     * Counts under a policy: {@code volume} is every mention; {@code negative}, {@code neutral} and
     * {@code positive} are those taking part in the negative triggers and sentiment figures, whose
     * sum is {@link #assessed()}, the negative share's denominator.
     */
    public record PolicyCounts(long volume, long negative, long neutral, long positive) {

        /** The mentions taking part: the negative share's denominator. */
        public long assessed() {
            return negative + neutral + positive;
        }

        /** The share of assessed mentions counted negative, 0 without any. */
        public double negativeShare() {
            long assessed = assessed();
            return assessed == 0 ? 0 : negative / (double) assessed;
        }
    }
}
