package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.incident.Explanation;

/**
 * Which mentions each incident ever cited as a sample (in an explanation, an alert event, a
 * delivery payload): an erasure looks its mentions up here instead of reading every payload.
 */
@ApplicationScoped
public class IncidentSampleRepository {

    private final EntityManager em;

    public IncidentSampleRepository(EntityManager em) {
        this.em = em;
    }

    /** Records the samples of one change of the incident; in the change's transaction. */
    public void record(UUID incidentId, List<Explanation.Sample> samples) {
        for (var sample : samples) {
            UUID mentionId;
            try {
                mentionId = UUID.fromString(sample.mentionId());
            } catch (IllegalArgumentException | NullPointerException e) {
                continue; // not a mention of ours (never written by this service)
            }
            em.createNativeQuery(
                            "INSERT INTO incident_sample (mention_id, incident_id) VALUES"
                                    + " (:mention, :incident) ON CONFLICT DO NOTHING")
                    .setParameter("mention", mentionId)
                    .setParameter("incident", incidentId)
                    .executeUpdate();
        }
    }

    /** The incidents that ever cited one of the mentions. */
    @SuppressWarnings("unchecked")
    public List<UUID> incidentsCiting(Collection<UUID> mentionIds) {
        var out = new java.util.LinkedHashSet<UUID>();
        for (var chunk : chunks(mentionIds)) {
            out.addAll(
                    em.createNativeQuery(
                                    "SELECT DISTINCT incident_id FROM incident_sample WHERE"
                                            + " mention_id IN (:ids)")
                            .setParameter("ids", chunk)
                            .getResultList());
        }
        return List.copyOf(out);
    }

    /** {@code ids} in lists of at most 1,000 (bind-parameter limits). */
    public static <T> List<List<T>> chunks(Collection<T> ids) {
        var all = new ArrayList<>(ids);
        var out = new ArrayList<List<T>>();
        for (int i = 0; i < all.size(); i += 1000) {
            out.add(all.subList(i, Math.min(all.size(), i + 1000)));
        }
        return out;
    }
}
