package org.caresignal.alert.rest;

import java.util.List;
import org.caresignal.alert.domain.BrandBucketCount;
import org.caresignal.alert.domain.LabelCounts;
import org.caresignal.alert.domain.UncertainPolicy;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Mention counts by label summed over a window, with the uncertain ones and what the negative
 * triggers see of them under the brand's uncertain policy.
 */
public record CountsResponse(
        long total,
        long negative,
        long neutral,
        long positive,
        @Schema(
                        description =
                                "mentions the scorer was not sure of (any label), in a language"
                                        + " it reads")
                long uncertain,
        @Schema(
                        description =
                                "mentions in a language the model does not read (published"
                                        + " NEUTRAL and uncertain): never in the negative"
                                        + " triggers")
                long unreadLanguage,
        @Schema(
                        description =
                                "the negative share's denominator under the brand's uncertain"
                                        + " policy: total less the mentions it leaves out")
                long triggerTotal,
        @Schema(description = "the mentions counted negative under the brand's uncertain policy")
                long triggerNegative) {

    static CountsResponse sumOf(List<BrandBucketCount> buckets, UncertainPolicy policy) {
        var sum = LabelCounts.certain(0, 0, 0);
        for (var b : buckets) {
            sum = sum.plus(b.counts());
        }
        return of(sum, policy);
    }

    static CountsResponse of(LabelCounts c, UncertainPolicy policy) {
        var seen = c.under(policy);
        return new CountsResponse(
                c.total(),
                c.negative(),
                c.neutral(),
                c.positive(),
                c.uncertain(),
                c.unread(),
                seen.assessed(),
                seen.negative());
    }
}
