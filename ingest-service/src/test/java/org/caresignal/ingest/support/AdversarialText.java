package org.caresignal.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Inputs built to make text handling slow (runs of one character, repeated phrases, nested
 * look-alikes of what the rules look for) and the timing check that catches super-linear code.
 */
public final class AdversarialText {

    /** A 20,000-character input is the size the issue measured the Redactor's 3 s on. */
    public static final int LONG = 20_000;

    public static final int SHORT = 5_000;

    /**
     * Linear code takes 4× as long for 4× the input, quadratic 16×; 10× sits between them with room
     * for a noisy shared machine. Below the floor a ratio is noise, and the work is cheap.
     */
    private static final double MAX_RATIO = 10.0;

    private static final long FLOOR_NANOS = 300_000_000L;

    private static final long LIMIT_NANOS = 2_000_000_000L;

    private AdversarialText() {}

    /** Each input by name, as a function of its length in characters. */
    public static Map<String, IntFunction<String>> inputs() {
        var m = new LinkedHashMap<String, IntFunction<String>>();
        m.put("percent run", n -> repeat("%", n));
        m.put("'<' run", n -> repeat("<", n));
        m.put("'<a ' run", n -> repeat("<a ", n));
        m.put("'<!--' run", n -> repeat("<!--", n));
        m.put("quoted '>' attributes", n -> repeat("<a title=\"x>y\">", n));
        m.put("'@' run", n -> repeat("@", n));
        m.put("a@a@a", n -> repeat("a@", n));
        m.put("%a@", n -> repeat("%a@", n));
        m.put("'.' run", n -> repeat(".", n));
        m.put("a.a.a", n -> repeat("a.", n));
        m.put("digits", n -> repeat("7", n));
        m.put("digit groups", n -> repeat("1 ", n));
        m.put("dashed digits", n -> repeat("1-", n));
        m.put("phone look-alikes", n -> repeat("(415) 555-01", n));
        m.put("plus signs", n -> repeat("+1 ", n));
        m.put("spaces", n -> "x" + repeat(" ", n - 2) + "x");
        m.put("cue then spaces", n -> "DOB is" + repeat(" ", n - 7) + "x");
        m.put("repeated phrase", n -> repeat("Mercy General ER wait ", n));
        m.put("repeated cue", n -> repeat("account number ", n));
        m.put("'&#' run", n -> repeat("&#", n));
        m.put("entities", n -> repeat("&#beef;&amp;&nbsp;", n));
        m.put("http:// run", n -> repeat("http://", n));
        m.put("www. run", n -> repeat("www.", n));
        m.put("long word", n -> repeat("ab", n));
        m.put("handles", n -> repeat("@ab.", n));
        m.put("one long handle", n -> "@" + repeat("a.", n - 1));
        m.put("one long address", n -> "x " + repeat("a.", n - 10) + "@b.org");
        m.put("hashtags", n -> repeat("#ab", n));
        m.put("capitalised street", n -> "1 " + repeat("Aa ", n - 2));
        // The name finder: words it looks up, cues it looks around, runs it groups.
        m.put("given names", n -> repeat("Maria ", n));
        m.put("relation cues", n -> repeat("my mom ", n));
        m.put("titles", n -> repeat("Dr. ", n));
        m.put("name after cue", n -> repeat("my mom Linda, ", n));
        m.put("institution look-ahead", n -> repeat("Mary Ann Lee Jr. ", n));
        m.put("apostrophes", n -> repeat("a'", n));
        m.put("possessives", n -> repeat("Kelly's ", n));
        m.put("hyphens", n -> repeat("Mary-", n));
        m.put("commas", n -> "Kelly" + repeat(",", n - 10) + " RN");
        return m;
    }

    /** {@code unit} repeated and cut to exactly {@code length} characters. */
    public static String repeat(String unit, int length) {
        var s = unit.repeat(length / unit.length() + 1);
        return s.substring(0, length);
    }

    /** The fastest of {@code runs} calls, in nanoseconds (the least disturbed by other work). */
    public static long fastest(Consumer<String> work, String input, int runs) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.accept(input);
            long took = System.nanoTime() - start;
            best = Math.min(best, took);
            if (took > LIMIT_NANOS) {
                break;
            }
        }
        return best;
    }

    /**
     * Fails when {@code work} takes over 2 s on any 20,000-character input, or grows more than 10×
     * from 5,000 to 20,000 characters once it takes long enough to measure.
     */
    public static void assertLinear(String component, Consumer<String> work) {
        for (var input : inputs().entrySet()) {
            var small = input.getValue().apply(SHORT);
            var large = input.getValue().apply(LONG);
            work.accept(small);
            var what = component + " on " + input.getKey();
            // A busy shared machine can stall one measurement; super-linear code is slow every
            // time, so a slow measurement is taken again (up to three times) before it counts.
            long t5 = 0;
            long t20 = 0;
            for (int attempt = 0; attempt < 3; attempt++) {
                t5 = fastest(work, small, 3);
                t20 = fastest(work, large, 2);
                boolean fast = t20 < LIMIT_NANOS;
                boolean linear = t20 <= FLOOR_NANOS || (double) t20 / Math.max(t5, 1) < MAX_RATIO;
                if (fast && linear || t20 > 5 * LIMIT_NANOS) {
                    break;
                }
            }
            assertThat(t20).as(what + ": %d ms at 20k", t20 / 1_000_000).isLessThan(LIMIT_NANOS);
            if (t20 > FLOOR_NANOS) {
                assertThat((double) t20 / Math.max(t5, 1))
                        .as(
                                what + ": 20k/5k time ratio (%d ms / %d ms)",
                                t20 / 1_000_000,
                                t5 / 1_000_000)
                        .isLessThan(MAX_RATIO);
            }
        }
    }
}
