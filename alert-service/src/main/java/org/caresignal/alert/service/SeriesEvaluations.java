package org.caresignal.alert.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.service.GroupCommit.Outcome;

/**
 * Runs the detector of the series a counted mention belongs to: the counted mentions' series in,
 * each series evaluated once per batch of mentions, up to the newest event time among them.
 */
// Why: evaluating after every mention took a transaction (and a commit of the detector's state)
// per series per mention; a series evaluated up to the newest of its mentions observes the same
// closed buckets as it would have one mention at a time (a bucket closes by the settled event
// time, see DetectionService).
@ApplicationScoped
public class SeriesEvaluations {

    /** A counted mention's series and event time. */
    private record Counted(String brandId, String facilityId, Instant publishedAt) {}

    private final DetectionService detection;
    private final GroupCommit<Counted, Void> batches;

    public SeriesEvaluations(DetectionService detection, AlertConfig config) {
        this.detection = detection;
        this.batches = new GroupCommit<>("series-evaluation", config.countBatchSize(), this::write);
    }

    void onStop(@Observes ShutdownEvent event) {
        batches.close();
    }

    /**
     * Returns once the brand's series and, when given, the facility's have been evaluated up to
     * {@code publishedAt} or later; a failed evaluation is logged (the next mention or tick
     * evaluates its buckets again).
     */
    public void afterCounted(String brandId, String facilityId, Instant publishedAt) {
        batches.submit(new Counted(brandId, facilityId, publishedAt));
    }

    private List<Outcome<Void>> write(List<Counted> counted) {
        // Series key -> [brand, facility]; and the newest event time per series.
        var series = new LinkedHashMap<List<String>, Instant>();
        for (var c : counted) {
            newest(series, c.brandId(), null, c.publishedAt());
            if (c.facilityId() != null) {
                newest(series, c.brandId(), c.facilityId(), c.publishedAt());
            }
        }
        for (var entry : series.entrySet()) {
            var brand = entry.getKey().get(0);
            var facility = entry.getKey().get(1);
            try {
                detection.evaluate(brand, facility, entry.getValue(), null);
            } catch (RuntimeException e) {
                // The mentions are counted; their buckets are evaluated again with the next
                // mention or tick.
                Log.errorf(
                        e,
                        "Evaluating the detector of %s%s failed",
                        brand,
                        facility == null ? "" : "/" + facility);
            }
        }
        return new ArrayList<>(Collections.nCopies(counted.size(), Outcome.<Void>of(null)));
    }

    private static void newest(
            Map<List<String>, Instant> series, String brand, String facility, Instant at) {
        series.merge(java.util.Arrays.asList(brand, facility), at, (a, b) -> a.isAfter(b) ? a : b);
    }
}
