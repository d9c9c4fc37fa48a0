package org.caresignal.alert.domain.privacy;

import java.util.List;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.event.AlertEvent;

/**
 * How much of a sample mention a reader may see besides its id: the post's link (it can name the
 * author: a handle, a DID) and its excerpt. A channel's settings, or a person's roles, decide; the
 * dashboard link is never affected.
 *
 * @param postLinks the sample's post URL may be shown
 * @param excerpts the sample's excerpt may be shown
 */
public record SampleDisclosure(boolean postLinks, boolean excerpts) {

    /** Ids only. */
    public static final SampleDisclosure IDS_ONLY = new SampleDisclosure(false, false);

    /** Link and excerpt. */
    public static final SampleDisclosure FULL = new SampleDisclosure(true, true);

    public Explanation.Sample apply(Explanation.Sample sample) {
        return new Explanation.Sample(
                sample.mentionId(),
                postLinks ? sample.url() : null,
                excerpts ? sample.excerpt() : null);
    }

    public List<Explanation.Sample> apply(List<Explanation.Sample> samples) {
        return samples == null ? List.of() : samples.stream().map(this::apply).toList();
    }

    public AlertEvent apply(AlertEvent event) {
        return event.withSamples(apply(event.samples()));
    }

    public Explanation apply(Explanation explanation) {
        return explanation.withSamples(apply(explanation.samples()));
    }
}
