package org.caresignal.alert.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import org.caresignal.alert.domain.SentimentLabel;

/**
 * Domain counters of the alert-service: mentions counted, recounted (moved between labels by a
 * later revision), duplicates skipped, records rejected.
 */
@Startup // registers the counters at zero, so dashboards see them before the first mention
@ApplicationScoped
public class MentionMetrics {

    static final String COUNTED = "caresignal.mentions.counted";
    static final String DUPLICATES = "caresignal.mentions.duplicates";
    static final String REJECTED = "caresignal.mentions.rejected";
    static final String ERASED_SKIPPED = "caresignal.mentions.erased.skipped";
    static final String RECOUNTED = "caresignal.mentions.recounted";

    private final MeterRegistry registry;
    private final Map<SentimentLabel, Counter> counted = new EnumMap<>(SentimentLabel.class);
    private final Counter duplicates;
    private final Counter erasedSkipped;
    private final Map<SentimentLabel, Map<SentimentLabel, Counter>> recounted =
            new EnumMap<>(SentimentLabel.class);

    public MentionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (var label : SentimentLabel.values()) {
            counted.put(
                    label,
                    Counter.builder(COUNTED)
                            .description("Scored mentions counted into a brand bucket")
                            .tag("label", label.name())
                            .register(registry));
        }
        duplicates =
                Counter.builder(DUPLICATES)
                        .description("Redelivered scored mentions that were already counted")
                        .register(registry);
        erasedSkipped =
                Counter.builder(ERASED_SKIPPED)
                        .description("Scored mentions skipped because they were erased on request")
                        .register(registry);
        for (var from : SentimentLabel.values()) {
            var byTo = new EnumMap<SentimentLabel, Counter>(SentimentLabel.class);
            for (var to : SentimentLabel.values()) {
                byTo.put(
                        to,
                        Counter.builder(RECOUNTED)
                                .description(
                                        "Counted mentions moved to a later revision's label"
                                                + " (from = to: only their aspects or excerpt"
                                                + " changed)")
                                .tag("from", from.name())
                                .tag("to", to.name())
                                .register(registry));
            }
            recounted.put(from, byTo);
        }
    }

    public void erasedSkipped() {
        erasedSkipped.increment();
    }

    public void counted(SentimentLabel label) {
        counted.get(label).increment();
    }

    public void recounted(SentimentLabel from, SentimentLabel to) {
        recounted.get(from).get(to).increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    /** A record sent to the dead-letter topic; {@code reason} is a short fixed token. */
    public void rejected(String reason) {
        Counter.builder(REJECTED)
                .description("MentionScored records sent to the dead-letter topic")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
