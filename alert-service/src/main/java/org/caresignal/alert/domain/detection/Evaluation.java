package org.caresignal.alert.domain.detection;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the spike detector concluded on one bucket: the evidence of each trigger, the anomaly score,
 * and what happened to the episode.
 *
 * @param episodeStart start of the open (or just resolved) episode, null when there is none
 */
public record Evaluation(
        Instant bucketStart,
        double score,
        List<Signal> signals,
        Transition transition,
        boolean firing,
        Severity severity,
        Instant episodeStart,
        boolean warm) {

    public Evaluation {
        signals = List.copyOf(signals);
    }

    /** The strongest firing signal, else the strongest signal of all. */
    public Optional<Signal> strongest() {
        var bySmallestP = Comparator.comparingDouble(Signal::pValue);
        return signals.stream()
                .filter(Signal::firing)
                .min(bySmallestP)
                .or(() -> signals.stream().min(bySmallestP));
    }

    public boolean paged() {
        return transition == Transition.PAGE;
    }
}
