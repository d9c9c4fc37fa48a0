package org.caresignal.alert.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Set;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.LabelledMention;
import org.caresignal.alert.repository.BrandBucketCountRepository;
import org.caresignal.alert.repository.CountedMentionRepository;
import org.caresignal.alert.service.CountOutcome;
import org.caresignal.alert.service.DetectionService;
import org.caresignal.alert.service.MentionCountService;
import org.caresignal.alert.service.MentionMetrics;

/**
 * Test-only stand-in for the counting service that fails the first calls for a mention id marked in
 * {@link FlakyFailures}, and otherwise counts as the real one.
 */
// Singleton, not application-scoped: a client proxy would need a no-args constructor, which
// Quarkus cannot add to a subclass of a bean with constructor injection.
@Alternative
@Priority(1)
@Singleton
public class FlakyCounting extends MentionCountService {

    public FlakyCounting(
            CountedMentionRepository countedMentions,
            BrandBucketCountRepository bucketCounts,
            MentionMetrics metrics,
            AlertConfig config,
            DetectionService detection) {
        super(countedMentions, bucketCounts, metrics, config, detection);
    }

    @Override
    public CountOutcome count(LabelledMention mention, String text, Set<String> negativeAspects) {
        FlakyFailures.maybeFail(mention.mentionId());
        return super.count(mention, text, negativeAspects);
    }
}
