package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.caresignal.alert.domain.privacy.SampleScrubber;
import org.caresignal.alert.event.ErasureConfirmed;
import org.caresignal.alert.event.MentionErased;
import org.caresignal.alert.repository.AlertOutboxRepository;
import org.caresignal.alert.repository.ErasureRepository;
import org.caresignal.alert.repository.IncidentSampleRepository;

/**
 * Applies a {@code MentionErased} erasure in one transaction: tombstones the mentions (a later
 * {@code MentionScored} of one is skipped), blanks their link and excerpt in {@code
 * counted_mention} and deletes their aspect rows (bucket counts stay), blanks their samples in
 * every explanation, delivery payload and outbox payload of the incidents that cited them, and
 * writes the {@code ErasureConfirmed} event to the outbox, so the confirmation is published after
 * the commit and survives a crash in between. A second copy of the erasure changes nothing and
 * confirms again with the figures of the first.
 */
@ApplicationScoped
public class ErasureService {

    private final ErasureRepository erasures;
    private final IncidentSampleRepository samples;
    private final AlertOutboxRepository outbox;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ErasureService(
            ErasureRepository erasures,
            IncidentSampleRepository samples,
            AlertOutboxRepository outbox,
            ObjectMapper mapper,
            Clock clock) {
        this.erasures = erasures;
        this.samples = samples;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Applies the erasure (idempotent) and returns the confirmation it queued. */
    public ErasureConfirmed apply(MentionErased event) {
        return QuarkusTransaction.requiringNew().call(() -> applyInTransaction(event));
    }

    private ErasureConfirmed applyInTransaction(MentionErased event) {
        erasures.lockAgainstCounting();
        var before = erasures.applied(event.erasureId());
        ErasureConfirmed confirmed;
        if (before.isPresent()) {
            confirmed =
                    ErasureConfirmed.of(
                            event.erasureId(),
                            before.get().erased(),
                            read(
                                    before.get().deliveries(),
                                    new TypeReference<List<ErasureConfirmed.Delivery>>() {}));
            Log.infof("Erasure %s was applied before; confirming it again", event.erasureId());
        } else {
            confirmed = erase(event);
        }
        outbox.add(
                AlertOutboxRepository.ERASURES_CONFIRMED_TOPIC,
                confirmed.eventId(),
                event.erasureId().toString(),
                null,
                write(confirmed));
        return confirmed;
    }

    private ErasureConfirmed erase(MentionErased event) {
        var now = clock.instant();
        var ids = event.mentionIds();
        erasures.tombstone(ids, now);
        int erased = erasures.blankCountedMentions(ids);
        Set<String> chosen = new HashSet<>();
        ids.forEach(id -> chosen.add(id.toString()));
        var incidents = samples.incidentsCiting(ids);
        for (var stored : erasures.explanationsForUpdate(incidents)) {
            var tree = tree(stored.explanation());
            if (SampleScrubber.scrub(tree, chosen).changed()) {
                erasures.replaceExplanation(stored.incidentId(), write(tree));
            }
        }
        var carried = new ArrayList<ErasureConfirmed.Delivery>();
        for (var d : erasures.deliveriesForUpdate(incidents)) {
            var tree = tree(d.payload());
            var result = SampleScrubber.scrub(tree, chosen);
            if (!result.carried().isEmpty()) {
                carried.add(
                        new ErasureConfirmed.Delivery(
                                d.id(),
                                d.channelId(),
                                d.channelName() == null ? "(removed channel)" : d.channelName(),
                                d.incidentId(),
                                d.deliveredAt()));
            }
            if (result.changed()) {
                erasures.replaceDeliveryPayload(d.id(), write(tree));
            }
        }
        for (var row : outbox.ofIncidentsForUpdate(incidents)) {
            var tree = tree(row.payload());
            if (SampleScrubber.scrub(tree, chosen).changed()) {
                outbox.replacePayload(row.id(), write(tree));
            }
        }
        erasures.recordApplied(event.erasureId(), now, erased, write(carried));
        Log.infof(
                "Erasure %s applied: %d of %d mentions held here, %d incident(s) cited them, %d"
                        + " delivery(ies) had carried a link or excerpt",
                event.erasureId(), erased, ids.size(), incidents.size(), carried.size());
        return ErasureConfirmed.of(event.erasureId(), erased, carried);
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
