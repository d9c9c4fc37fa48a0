package org.caresignal.sentiment.tools;

/**
 * The fixed split of a labelled file by its text, so that every tool and every run puts a row in
 * the same part: bucket {@code Math.floorMod(text.hashCode(), 10)}; 0 is held back (reported once,
 * never used for a choice), 1 is the development split (every choice: features, C, data mix,
 * calibration, the uncertain band), 2..9 are trained on. A file split in halves (the GP comments)
 * trains on buckets 5..9 and reports on 0..4. {@link String#hashCode()} is specified by the Java
 * language, so the split is the same on every JVM.
 */
public final class Splits {

    /** The part of a file a row belongs to. */
    public enum Part {
        HELD_BACK,
        DEV,
        TRAIN
    }

    private Splits() {}

    /** The row's bucket, 0..9. */
    public static int bucket(String text) {
        return Math.floorMod(text.hashCode(), 10);
    }

    /** The part of a row of a file split into held-back, dev and train (the SemEval tweets). */
    public static Part of(String text) {
        return switch (bucket(text)) {
            case 0 -> Part.HELD_BACK;
            case 1 -> Part.DEV;
            default -> Part.TRAIN;
        };
    }

    /** Whether a row of a file split in halves (the GP comments) is in the trained half. */
    public static boolean inTrainedHalf(String text) {
        return bucket(text) >= 5;
    }
}
