package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.event.AlertEvent;

/**
 * What one alert-service instance tells the others about an incident change: the instance it comes
 * from (which skips its own notices: it streamed the change already) and the change as the live
 * stream shows it, in JSON no larger than a notification may be.
 *
 * @param origin the announcing instance
 */
public record StreamNotice(UUID origin, AlertEvent event) {

    /**
     * The notice as JSON of at most {@code maxBytes} UTF-8 bytes: whole when it fits, else with the
     * samples' excerpts left out, else without samples (the incident's page still has them); empty
     * when even that does not fit.
     */
    public Optional<String> encode(ObjectMapper mapper, int maxBytes) {
        for (var candidate :
                List.of(
                        event,
                        event.withSamples(withoutExcerpts(event.samples())),
                        event.withSamples(List.of()))) {
            var json = write(mapper, new StreamNotice(origin, candidate));
            if (json.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
                return Optional.of(json);
            }
        }
        return Optional.empty();
    }

    /** Reads a notice written by {@link #encode}. */
    public static StreamNotice decode(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, StreamNotice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an incident stream notice", e);
        }
    }

    private static List<Explanation.Sample> withoutExcerpts(List<Explanation.Sample> samples) {
        return samples == null
                ? List.of()
                : samples.stream()
                        .map(s -> new Explanation.Sample(s.mentionId(), s.url(), null))
                        .toList();
    }

    private static String write(ObjectMapper mapper, StreamNotice notice) {
        try {
            return mapper.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an incident stream notice", e);
        }
    }
}
