package org.caresignal.sentiment.bench;

import java.util.Locale;
import org.caresignal.sentiment.support.AdversarialText;
import org.caresignal.sentiment.support.TextComponents;

/**
 * Prints, per text component, the time at 5k, 10k and 20k characters on its slowest adversarial
 * input and the growth per doubling; the lines of docs/benchmarks.md "Adversarial text".
 */
public final class AdversarialTextBench {

    private AdversarialTextBench() {}

    public static void main(String[] args) {
        int[] sizes = {5_000, 10_000, 20_000};
        System.out.println(
                "| component | slowest input | 5k ms | 10k ms | 20k ms | 10k/5k | 20k/10k |"
                        + " all inputs 5k / 10k / 20k ms | 10k/5k | 20k/10k |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var component : TextComponents.all().entrySet()) {
            var work = component.getValue();
            String worst = null;
            double[] worstTimes = null;
            var total = new double[sizes.length];
            for (var input : AdversarialText.inputs().entrySet()) {
                var inputs = new String[sizes.length];
                for (int s = 0; s < sizes.length; s++) {
                    inputs[s] = input.getValue().apply(sizes[s]);
                    // Warm-up, so the JIT has compiled the code before it is timed.
                    work.accept(inputs[s]);
                }
                // Sizes interleaved over rounds, fastest per size: a stall of the shared machine
                // hits one round, not every measurement of one size.
                var times = new double[sizes.length];
                java.util.Arrays.fill(times, Double.MAX_VALUE);
                for (int round = 0; round < 15; round++) {
                    for (int s = 0; s < sizes.length; s++) {
                        times[s] =
                                Math.min(
                                        times[s],
                                        AdversarialText.fastest(work, inputs[s], 1) / 1e6);
                    }
                }
                for (int s = 0; s < sizes.length; s++) {
                    total[s] += times[s];
                }
                if (worstTimes == null || times[2] > worstTimes[2]) {
                    worst = input.getKey();
                    worstTimes = times;
                }
            }
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %.2f | %.2f | %.2f | %.2f× | %.2f× | %.1f / %.1f / %.1f"
                                    + " | %.2f× | %.2f× |",
                            component.getKey(),
                            worst,
                            worstTimes[0],
                            worstTimes[1],
                            worstTimes[2],
                            worstTimes[1] / worstTimes[0],
                            worstTimes[2] / worstTimes[1],
                            total[0],
                            total[1],
                            total[2],
                            total[1] / total[0],
                            total[2] / total[1]));
        }
    }
}
